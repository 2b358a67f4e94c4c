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
start_witness "$dir/witness.txt"

# Each round kills at the Nth next event of the chosen kind, alternating
# between a step boundary (step-done) and the middle of a step (action-started).
kills=0
completed=0
for round in $(seq 1 40); do
  out="$dir/round-$round.jsonl"
  "$CUTOVER" apply "$plan" --yes --format json --poll-interval 0.5 --check-timeout 120 > "$out" 2>&1 &
  apply_pid=$!
  if [ $((round % 2)) -eq 0 ]; then kind='"event":"step-done"'; else kind='"event":"action-started"'; fi
  killed=0
  while kill -0 "$apply_pid" 2>/dev/null; do
    if grep -q "$kind" "$out" 2>/dev/null; then
      kill -9 "$apply_pid" 2>/dev/null && killed=1
      break
    fi
    sleep 0.02
  done
  rc=0
  wait "$apply_pid" || rc=$?
  apply_pid=""
  if [ $killed -eq 1 ] && [ $rc -eq 137 ]; then
    kills=$((kills + 1))
    echo "round $round: killed at $(grep -c '' "$out") events ($kind)"
    continue
  fi
  if grep -q '"status":"completed"' "$out" && [ $rc -eq 0 ]; then
    completed=1
    echo "round $round: completed after $kills kills"
    break
  fi
  echo "round $round: apply exited $rc without completing:"; tail -n 5 "$out"
  break
done
sleep 12
witness_rc=0
stop_witness "$dir/witness.txt" || witness_rc=$?

fail=0
[ $completed -eq 1 ] || { echo "FAIL: the cutover did not complete"; fail=1; }
[ $kills -ge 4 ] || { echo "FAIL: only $kills kills happened; the test proves too little"; fail=1; }
[ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
# Every action took effect once: one action-done per step and action index.
dupes=$( { grep '"event":"action-done"' "$journal" || true; } | sed -E 's/.*"action":([0-9]+).*"step":"([^"]+)".*/\2#\1/' | sort | uniq -d)
[ -z "$dupes" ] || { echo "FAIL: actions recorded done twice: $dupes"; fail=1; }
rechecked=$(grep -c 're-checked after an interrupted run' "$journal" || true)
echo "journal: $(grep -c '"event":"action-done"' "$journal") actions done, $rechecked of them re-checked after a kill"
while read -r line; do
  [ "$line" = "ns1.new.test. ns2.new.test." ] || { echo "FAIL: a TLD server delegates to '$line'"; fail=1; }
done <<< "$(tld_delegation)"
[ $fail -eq 0 ] && echo "PASS: $kills kills, every rerun resumed, zero failed answers"
exit $fail
