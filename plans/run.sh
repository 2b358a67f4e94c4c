#!/usr/bin/env bash
# The main job (README): installs what is missing, builds cutover, and dry-runs
# a plan: by default the local lab's cutover of example.test (S2 + S1), then
# every example plan in plans/. Give a plan file to dry-run only that one.
set -euo pipefail
cd "$(dirname "$0")/.."
plan=${1:-plans/lab-example-test.json}

.ci/install-deps.sh >/dev/null
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target cutover -j"$(nproc 2>/dev/null || echo 2)" >/dev/null

echo "== cutover plan $plan --offline"
build/planner/cli/cutover plan "$plan" --offline
if [ $# -eq 0 ]; then
  for example in plans/s*.json; do
    echo
    echo "== cutover plan $example --offline"
    build/planner/cli/cutover plan "$example" --offline
  done
fi
