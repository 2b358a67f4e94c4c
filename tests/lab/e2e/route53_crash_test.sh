#!/usr/bin/env bash
# Crash test, Route 53 path: the S1+S2+S3+S4 cutover of route53_cutover_test.sh,
# with `cutover apply` killed (SIGKILL) at step boundaries and right after it
# announced an action, and rerun each time. Passes when a rerun completes,
# the journal records every action done once, the proxy's request log shows
# no mutating call that took effect twice, the end state holds, and the
# client resolving through Unbound saw zero failed or wrong answers.
set -euo pipefail
dir=$1
source "$(dirname "$0")/common.sh"
witness_names[3]=db.example.test/CNAME=prod.cluster-old.db.test.,prod.cluster-new.db.test.
witness=""
apply_pid=""
cleanup() {
  if [ -n "$apply_pid" ]; then kill -9 "$apply_pid" 2>/dev/null || true; fi
  if [ -n "$witness" ]; then kill "$witness" 2>/dev/null || true; fi
  route53_lab_stop "$dir"
}
trap cleanup EXIT
route53_lab_start "$dir"
plan="$dir/plan.json"
apply_with_kills_witnessed "$plan" "$dir"

fail=0
[ $completed -eq 1 ] || { echo "FAIL: the cutover did not complete"; fail=1; }
[ $kills -ge 8 ] || { echo "FAIL: only $kills kills happened; the test proves too little"; fail=1; }
[ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
journal_actions_once "$plan.journal" || fail=1
python3 "$here/route53_verify.py" "$dir" || fail=1
[ $fail -eq 0 ] && echo "PASS: $kills kills, every rerun resumed, no call repeated, zero failed answers"
exit $fail
