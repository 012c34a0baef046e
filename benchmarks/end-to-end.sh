#!/usr/bin/env bash
# End-to-end times of `lodestone solve` as a user runs it (a fresh JVM per run): wall, user and
# system time and peak memory (/usr/bin/time), the solver's own time from the plan file, and the
# load average before each run. "outside" is wall minus the solver's time: JVM start, loading
# classes and native libraries, reading, building, hand-off, extraction, writing (and, without
# --no-marginals, the marginal values).
#
#   benchmarks/end-to-end.sh [-n RUNS] [-l LABEL] -- COMMAND...   e.g.
#   benchmarks/end-to-end.sh -n 3 -l now -- ./lodestone
#   benchmarks/end-to-end.sh -n 3 -l before -- java -jar /tmp/before/target/lodestone.jar
#
# Instances: the benchmark sizes of instances/generated and the real one; EXTRA_ARGS (environment)
# is appended to every solve (e.g. EXTRA_ARGS=--no-marginals). Prints one tab-separated line per run.
set -euo pipefail
runs=1
label=run
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    -l) label="$2"; shift 2 ;;
    *) echo "usage: $0 [-n RUNS] [-l LABEL] -- COMMAND..." >&2; exit 2 ;;
  esac
done
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
declare -A files=(
  [tiny]="$root/instances/generated/gen-y3-m4-r2-b2-e3-s1-seed1.json"
  [small]="$root/instances/generated/gen-y5-m10-r5-b4-e5-s2-seed1.json"
  [medium]="$root/instances/generated/gen-y10-m25-r12-b8-e6-s3-seed1.json"
  [real]="$root/instances/indo-pacific-2026.json"
  [large]="$root/instances/generated/gen-y10-m60-r30-b20-e8-s4-seed1.json"
)
printf 'label\tsize\trun\tload1\twall_s\tuser_s\tsys_s\tmax_rss_mb\tsolver_s\toutside_s\tstatus\tsolver\n'
for size in ${SIZES:-tiny small medium real large}; do
  for ((run = 1; run <= runs; run++)); do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    rm -f "$out/plan.json"
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$@" solve "${files[$size]}" -o "$out/plan.json" \
      ${EXTRA_ARGS:-} >"$out/stdout" 2>"$out/stderr" || true
    read -r wall user sys rss <"$out/time"
    python3 - "$out/plan.json" "$label" "$size" "$run" "$load" "$wall" "$user" "$sys" "$rss" <<'EOF'
import json, sys
path, label, size, run, load, wall, user, sys_, rss = sys.argv[1:]
try:
    plan = json.load(open(path))
    solver = plan["solver"]
    seconds = solver.get("seconds") or 0.0
    status, who = plan["status"], (solver["name"] + " " + solver["version"]).replace("\t", " ")
except (OSError, ValueError, KeyError):
    seconds, status, who = 0.0, "NO_PLAN_FILE", "-"
print("\t".join([label, size, run, load, wall, user, sys_, "%.0f" % (int(rss) / 1024), "%.2f" % seconds,
                 "%.2f" % (float(wall) - seconds), status, who]))
EOF
  done
done
