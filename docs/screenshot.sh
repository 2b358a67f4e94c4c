#!/usr/bin/env bash
# Regenerates docs/report.png, the README's screenshot of `cutover report`:
# runs the lab cutover (tests/lab/e2e/report_test.sh: real Knot and Unbound on
# 127.56.x.y), renders the report of its journal in headless Chromium, and
# copies the screenshot here. Needs root, or a private network namespace:
#   unshare --net sh -c 'ip link set lo up && docs/screenshot.sh'
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target cutover resolve_loop >/dev/null
work=$(mktemp -d /tmp/cutover-shot-XXXXXX)
trap 'rm -rf "$work"' EXIT
CUTOVER=$PWD/build/planner/cli/cutover RESOLVE_LOOP=$PWD/build/tests/lab/e2e/resolve_loop \
  bash tests/lab/e2e/report_test.sh "$work/lab" "$PWD/docs/report.png"
echo "docs/report.png: $(stat -c %s docs/report.png) bytes"
