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
route53_lab_start "$dir"
plan="$dir/plan.json"
apply_with_kills_witnessed "$plan" "$dir"

fail=0
check_crash_run 8 "$plan.journal"
python3 "$here/route53_verify.py" "$dir" || fail=1
[ $fail -eq 0 ] && echo "PASS: $kills kills, every rerun resumed, no call repeated, zero failed answers"
exit $fail
