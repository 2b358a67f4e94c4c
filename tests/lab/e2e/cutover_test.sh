#!/usr/bin/env bash
# End to end, RFC 2136 path: S2 (dev.example.test delegated from both parents)
# and S1 (example.test switched from the old to the new servers at the TLD),
# run by `cutover apply` against real servers while a client resolves the
# names through Unbound every 50 ms. Passes when the apply completes, ran the
# steps the plan printed, the TLD delegates to the new servers, and the client
# saw zero failed or wrong answers.
set -euo pipefail
dir=$1
source "$(dirname "$0")/common.sh"
rfc2136_lab_start "$dir"
plan="$dir/plan.json"

plan_and_apply_witnessed "$plan" "$dir"

fail=0
[ $rc -eq 0 ] || { echo "FAIL: cutover apply exited $rc"; fail=1; }
[ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
same_steps "$dir/plan.txt" "$dir/apply.txt" || fail=1
# The countdown of the window after the switch shows how many servers give the new answer.
grep -qE '^\.\.\. switch\.window-end may start in .*new answer at [0-9]+/[0-9]+ servers \(parent servers' "$dir/apply.txt" ||
  { echo "FAIL: the countdown of the window shows no progress figures"; fail=1; }
delegation=$(tld_delegation)
expected="ns1.new.test. ns2.new.test."
while read -r line; do
  [ "$line" = "$expected" ] || { echo "FAIL: a TLD server delegates to '$line'"; fail=1; }
done <<< "$delegation"
[ $fail -eq 0 ] && echo "PASS: cutover applied with zero failed answers"
exit $fail
