#!/usr/bin/env bash
# Evaluations per second of the Spark engine (spark/), per mode: embedded local[1] and local[2], and
# a standalone cluster on this machine of one master and two worker JVMs (one core and 2 GB each),
# started from spark/target/spark-home as a cluster's machines would run them.
#
# An evaluation is one task of `lodestone evaluate` (org.lodestone.saa.EvaluateFuture): the
# instance's first stage (builds, contracts) fixed from one solve on the driver, one future drawn
# from the instance's disruption model, the operations re-optimised with the default solver
# (org.lodestone.spark.bench.EvaluationRate in the module's tests).
# Each mode runs the same TASKS evaluations twice on one engine: cold (executors load OR-Tools, a
# cluster's executors fetch the jars first) and warm; "eval/s" is the warm run's.
#
#   benchmarks/spark-evaluations.sh [TASKS] [INSTANCE...]
#
# Defaults: 24 evaluations of instances/indo-pacific-2026.json and of the generated medium instance
# with a disruption model (generate --years 10 --mines 25 --refineries 12 --buyers 8 --elements 6
# --scenarios 3 --with disruptions; instances need a disruption model).
# Prints one tab-separated line per mode and instance. SPARK_BUILD_DIR / LODESTONE_BUILD_DIR give
# the builds their own output folders.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
tasks="${1:-24}"
shift || true
instances=("$@")
work="$(mktemp -d)"
if [ ${#instances[@]} -eq 0 ]; then
  instances=("$root/instances/indo-pacific-2026.json" "$work/medium-disruptions.json")
fi
build_opts=()
spark="$root/spark/target"
if [ -n "${LODESTONE_BUILD_DIR:-}" ]; then build_opts+=("-Dlodestone.build.dir=$LODESTONE_BUILD_DIR"); fi
if [ -n "${SPARK_BUILD_DIR:-}" ]; then build_opts+=("-Dspark.build.dir=$SPARK_BUILD_DIR"); spark="$SPARK_BUILD_DIR"; fi

echo "spark-evaluations: building the core and the spark module (tests compiled, not run) ..." >&2
(cd "$root" && mvn -B -q -f all.xml -DskipTests ${build_opts[@]+"${build_opts[@]}"} package)

# Spark's options for Java 17, as ./lodestone passes them
mapfile -t java_opts < <(sed -n '/spark_java_options=(/,/ALL-UNNAMED)/p' "$root/lodestone" \
  | sed 's/.*spark_java_options=(//; s/)$//' | tr -s ' \n' '\n' | grep -v '^$')
cp="$spark/test-classes:$spark/app/*:$spark/spark-home/jars/*"
run() {
  java "${java_opts[@]}" -cp "$cp" org.lodestone.spark.bench.EvaluationRate "$@"
}

if [ ! -f "${instances[-1]}" ] && [ "${instances[-1]}" = "$work/medium-disruptions.json" ]; then
  java -jar "${LODESTONE_BUILD_DIR:-$root/target}/lodestone.jar" generate --years 10 --mines 25 --refineries 12 \
    --buyers 8 --elements 6 --scenarios 3 --with disruptions -o "$work/medium-disruptions.json" 2>/dev/null
fi
pids=()
stop_cluster() {
  local pid child
  for pid in ${pids[@]+"${pids[@]}"}; do
    # a worker's executors first (they are its children), then the process itself
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do kill "$child" 2>/dev/null || true; done
    kill "$pid" 2>/dev/null || true
  done
  for pid in ${pids[@]+"${pids[@]}"}; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  pids=()
}
trap 'stop_cluster; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
daemon() { # NAME CLASS ARGS...: a Spark daemon from spark-home, as its scripts would start it
  local name="$1"
  shift
  SPARK_HOME="$spark/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$work/local" \
    java -cp "$spark/spark-home/conf:$spark/spark-home/jars/*" -Xmx256m "${java_opts[@]}" "$@" >"$work/$name.log" 2>&1 &
  pids+=("$!")
}

echo "spark-evaluations: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf 'engine\tinstance\ttasks\tstart s\tcold s\twarm s\teval/s\tload\tnotes\n'
for instance in "${instances[@]}"; do
  run threads[1] "$instance" "$tasks"
  run 'local[1]' "$instance" "$tasks"
  run 'local[2]' "$instance" "$tasks"
done

master_port="$(free_port)"
daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" --webui-port "$(free_port)"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$master_port") 2>/dev/null && break; sleep 0.2; done
for w in 1 2; do
  daemon "worker$w" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port "$(free_port)" \
    --webui-port "$(free_port)" --cores 1 --memory 2g --work-dir "$work/worker$w" "spark://127.0.0.1:$master_port"
done
for instance in "${instances[@]}"; do
  run "spark://127.0.0.1:$master_port" "$instance" "$tasks"
done
stop_cluster
echo "spark-evaluations: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
