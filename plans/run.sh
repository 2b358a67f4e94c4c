#!/usr/bin/env bash
# The main job (README): installs what is missing, builds cutover, starts the
# local lab (real Knot and Unbound servers on 127.56.x.y, tests/lab/e2e/lab.sh),
# and runs a real cutover of example.test in it on the embedded default plan
# (plans/lab-example-test.json: dev.example.test sub-delegated from both
# parents, then the nameserver switch at the lab's TLD): `cutover plan`, then
# `cutover apply` with live progress, then the final `cutover status`. The lab
# is stopped when it is done. Needs root (or a private network namespace).
#
#   plans/run.sh            # the lab cutover
#   plans/run.sh PLAN.json  # only a dry run (offline) of another plan
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

.ci/install-deps.sh --dns-only >/dev/null
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target cutover -j"$jobs" >/dev/null
cutover=build/planner/cli/cutover

if [ $# -gt 0 ]; then
  exec "$cutover" plan "$1" --offline
fi

source tests/lab/common/topology.sh
lab=$(mktemp -d /tmp/cutover-lab-XXXXXX)
trap 'tests/lab/e2e/lab.sh stop "$lab"; rm -rf "$lab"' EXIT
tests/lab/e2e/lab.sh start "$lab"
plan="$lab/plan.json"

echo
echo "== cutover plan (live: TTLs observed in the lab)"
"$cutover" plan "$plan"
echo "== cutover apply"
"$cutover" apply "$plan" --yes --poll-interval 0.5
echo
echo "== cutover status example.test (parent servers, the new servers, the lab's resolver)"
# The resolver may still hold the old delegation for its TTL: watch until every cache has the new one.
"$cutover" status example.test --expect ns1.new.test. ns2.new.test. \
  --parent-server "$E2E_TLD1" "$E2E_TLD2" --resolver "$E2E_RESOLVER" --watch 2
