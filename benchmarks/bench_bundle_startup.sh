#!/usr/bin/env bash
# Start-up of the PyInstaller bundle to a visible window on a virtual X screen.
#   bash benchmarks/bench_bundle_startup.sh [dist/PerfDesk/PerfDesk] [runs]
# Needs Xvfb and xdotool (apt-get install xvfb xdotool) and the bundle (pyinstaller build.spec).
set -euo pipefail
exe="${1:-dist/PerfDesk/PerfDesk}"; runs="${2:-5}"
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
export DISPLAY="$display"
echo "bundle: $(du -sh "$(dirname "$exe")" | cut -f1) unpacked"
for _ in $(seq "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  PERFDESK_DATA_DIR="$data" "$exe" >/dev/null 2>&1 & app=$!
  xdotool search --sync --onlyvisible --name "PerfDesk" >/dev/null
  echo "window visible after $(( ($(date +%s%N) - start) / 1000000 )) ms"
  kill "$app"; wait "$app" 2>/dev/null || true
  rm -rf "$data"
done
