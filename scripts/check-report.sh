#!/usr/bin/env bash
# Renders the HTML report in a real headless browser and checks it.
#
# Solves INSTANCE (default instances/quickstart.json) with `lodestone solve --report`, opens
# the report in headless Chromium with the network cut off (a screenshot, and the DOM after
# rendering) and fails unless the page rendered with all its charts.
#
#   scripts/check-report.sh [INSTANCE] [OUT_DIR]
#
# OUT_DIR (default: a new temporary folder) receives report.html, report.png, dom.html and
# the logs (build.log, solve.txt, chromium.log). Environment: LODESTONE_BUILD_DIR (Maven
# build folder, default target), CHROMIUM (browser binary, default chromium on the PATH).
# Exit: 0 rendered and checked, 1 a check failed, 2 no browser or the build/solve failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

instance=$(realpath -- "${1:-$root/instances/quickstart.json}")
out=${2:-$(mktemp -d)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
build=${LODESTONE_BUILD_DIR:-target}
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$browser" ] || ! command -v "$browser" >/dev/null; then
  echo "check-report: no chromium found${browser:+ at $browser} (Debian: apt-get install -y chromium)" >&2
  exit 2
fi

if ! mvn -q -B -Dstyle.color=never -Dlodestone.build.dir="$build" -DskipTests package >"$out/build.log" 2>&1; then
  cat "$out/build.log" >&2
  echo "check-report: build failed" >&2
  exit 2
fi
if ! java -jar "$build/lodestone.jar" solve "$instance" --no-timings --report "$out/report.html" >"$out/solve.txt" 2>&1; then
  echo "check-report: lodestone solve failed (see $out/solve.txt)" >&2
  exit 2
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-extensions --user-data-dir="$profile"
       --host-resolver-rules="MAP * ~NOTFOUND")   # no network: the page must not need any
url="file://$out/report.html"
timeout 120 "$browser" "${flags[@]}" --window-size=1400,3000 --screenshot="$out/report.png" "$url" \
  >"$out/chromium.log" 2>&1 || { echo "check-report: chromium screenshot failed (see $out/chromium.log)" >&2; exit 1; }
timeout 120 "$browser" "${flags[@]}" --dump-dom "$url" >"$out/dom.html" 2>>"$out/chromium.log" \
  || { echo "check-report: chromium --dump-dom failed (see $out/chromium.log)" >&2; exit 1; }

failures=0
fail() { echo "check-report: FAIL: $*" >&2; failures=$((failures + 1)); }
count() { grep -o -- "$1" "$2" | wc -l; }

# the screenshot: a PNG of some substance
if [ "$(head -c 8 "$out/report.png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
  fail "report.png is not a PNG"
elif [ "$(wc -c <"$out/report.png")" -lt 20000 ]; then
  fail "report.png is suspiciously small ($(wc -c <"$out/report.png") bytes): blank page?"
fi
# the DOM after rendering: every chart is there, drawn
dom="$out/dom.html"
[ "$(count '<svg' "$dom")" -ge 3 ] || fail "fewer than 3 <svg> elements in the rendered DOM"
for cls in 'chart sankey' 'chart timeline' 'chart bars'; do
  [ "$(count "class=\"$cls\"" "$dom")" -ge 1 ] || fail "no <svg class=\"$cls\"> in the rendered DOM"
done
[ "$(count '<path class="lk"' "$dom")" -ge 1 ] || fail "the Sankey diagram has no links"
[ "$(count '<rect' "$dom")" -ge 5 ] || fail "fewer than 5 <rect> elements (nodes, bars)"
for section in Flows 'Builds and contracts' Costs; do
  grep -q "<h2>$section</h2>" "$dom" || fail "section \"$section\" missing"
done
grep -q '<script' "$dom" && fail "the report contains a script"
# self-contained: no http(s) reference but the SVG namespace
if grep -o 'https\?://[^"'"'"' <>)]*' "$out/report.html" | grep -v '^http://www.w3.org/2000/svg$' | grep -q .; then
  fail "external references: $(grep -o 'https\?://[^"'"'"' <>)]*' "$out/report.html" | grep -v '^http://www.w3.org/2000/svg$' | sort -u | tr '\n' ' ')"
fi

if [ "$failures" -gt 0 ]; then
  echo "check-report: $failures check(s) failed; files in $out" >&2
  exit 1
fi
echo "check-report: OK: $(count '<svg' "$dom") charts rendered; screenshot $out/report.png"
