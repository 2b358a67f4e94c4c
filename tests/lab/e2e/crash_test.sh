#!/usr/bin/env bash
# Crash test: `cutover apply` is killed with SIGKILL again and again, at step
# boundaries and in the middle of steps (right after it announced an action),
# and rerun each time. Passes when a rerun completes the cutover, every action
# took effect exactly once according to the journal (an interrupted one was
# re-checked, never repeated), the TLD delegates to the new servers, and the
# client resolving through Unbound saw zero failed or wrong answers.
set -euo pipefail
dir=$1
source "$(dirname "$0")/common.sh"
witness=""
apply_pid=""
cleanup() {
  if [ -n "$apply_pid" ]; then kill -9 "$apply_pid" 2>/dev/null || true; fi
  if [ -n "$witness" ]; then kill "$witness" 2>/dev/null || true; fi
  "$lab" stop "$dir"
}
trap cleanup EXIT
rm -rf "$dir"
"$lab" start "$dir"
plan="$dir/plan.json"
journal="$dir/plan.json.journal"
apply_with_kills_witnessed "$plan" "$dir"

fail=0
[ $completed -eq 1 ] || { echo "FAIL: the cutover did not complete"; fail=1; }
[ $kills -ge 4 ] || { echo "FAIL: only $kills kills happened; the test proves too little"; fail=1; }
[ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
journal_actions_once "$journal" || fail=1
while read -r line; do
  [ "$line" = "ns1.new.test. ns2.new.test." ] || { echo "FAIL: a TLD server delegates to '$line'"; fail=1; }
done <<< "$(tld_delegation)"
[ $fail -eq 0 ] && echo "PASS: $kills kills, every rerun resumed, zero failed answers"
exit $fail
