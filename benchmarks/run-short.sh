#!/usr/bin/env bash
# The short benchmark pass, for CI: one fork, 1 warmup and 2 measurement iterations of 1 s,
# the tiny and small instances only, every benchmark but the large-instance solve and the
# finished investigations (package org.lodestone.benchmarks.investigations). Results go
# to benchmarks/results/latest.json (JMH's JSON). Fails only when the build fails: slow
# numbers, or a benchmark that breaks while running, print a warning and exit 0.
#
# LODESTONE_BUILD_DIR and BENCH_BUILD_DIR give the two builds their own output folders
# (for parallel builds in one checkout); extra arguments go to JMH.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
main_opts=()
bench_opts=()
bench_dir="$here/target"
if [ -n "${LODESTONE_BUILD_DIR:-}" ]; then
  main_opts+=("-Dlodestone.build.dir=$LODESTONE_BUILD_DIR")
fi
if [ -n "${BENCH_BUILD_DIR:-}" ]; then
  bench_opts+=("-Dbench.build.dir=$BENCH_BUILD_DIR")
  bench_dir="$BENCH_BUILD_DIR"
fi

started=$(date +%s)
echo "benchmarks: building (main project into ~/.m2, then the JMH jar) ..."
(cd "$root" && mvn -B -q -DskipTests "${main_opts[@]}" install)
(cd "$root" && mvn -B -q -f benchmarks/pom.xml "${bench_opts[@]}" package)

mkdir -p "$here/results"
echo "benchmarks: short pass on $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
java -jar "$bench_dir/benchmarks.jar" \
  -f 1 -wi 1 -i 2 -w 1s -r 1s \
  -jvmArgsAppend '-Xms512m -Xmx512m -XX:+AlwaysPreTouch' \
  -p size=tiny,small \
  -e 'LargeSolveBenchmark,\.investigations\.' \
  -rf json -rff "$here/results/latest.json" \
  "$@"
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "benchmarks: WARNING: JMH exited with status $status; see above (the short pass never fails CI)" >&2
fi
echo "benchmarks: short pass done in $(( $(date +%s) - started )) s, results in $here/results/latest.json"
exit 0
