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
rfc2136_lab_start "$dir"
plan="$dir/plan.json"
journal="$dir/plan.json.journal"
apply_with_kills_witnessed "$plan" "$dir"

fail=0
check_crash_run 4 "$journal"
while read -r line; do
  [ "$line" = "ns1.new.test. ns2.new.test." ] || { echo "FAIL: a TLD server delegates to '$line'"; fail=1; }
done <<< "$(tld_delegation)"
[ $fail -eq 0 ] && echo "PASS: $kills kills, every rerun resumed, zero failed answers"
exit $fail
