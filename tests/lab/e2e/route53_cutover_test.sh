#!/usr/bin/env bash
# End to end, Route 53 path: S2 (dev.example.test in its own hosted zone,
# delegated from both parents), S1 (example.test moves to a hosted zone of
# another account, name servers switched at Route 53 Domains), S3 (the
# registration follows) and S4 (db.example.test moves to the new cluster
# after the window), run by `cutover apply` against moto behind the lab's
# proxy while real servers serve what moto holds and a client resolves the
# names through Unbound every 50 ms. Passes when the apply completes, ran the
# steps the plan printed, the end state holds in DNS and in AWS, no mutating
# call took effect twice, and the client saw zero failed or wrong answers.
set -euo pipefail
dir=$1
source "$(dirname "$0")/common.sh"
witness_names[3]=db.example.test/CNAME=prod.cluster-old.db.test.,prod.cluster-new.db.test.
witness=""
cleanup() {
  if [ -n "$witness" ]; then kill "$witness" 2>/dev/null || true; fi
  route53_lab_stop "$dir"
}
trap cleanup EXIT
route53_lab_start "$dir"
plan="$dir/plan.json"

"$CUTOVER" plan "$plan" > "$dir/plan.txt"
cat "$dir/plan.txt"
start_witness "$dir/witness.txt"
sleep 1
rc=0
"$CUTOVER" apply "$plan" --yes --poll-interval 0.5 --check-timeout 120 | tee "$dir/apply.txt" || rc=$?
# Let the last cached answers of the old servers expire while the client keeps asking.
sleep 12
witness_rc=0
stop_witness "$dir/witness.txt" || witness_rc=$?

fail=0
[ $rc -eq 0 ] || { echo "FAIL: cutover apply exited $rc"; fail=1; }
[ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
same_steps "$dir/plan.txt" "$dir/apply.txt" || fail=1
python3 "$here/route53_verify.py" "$dir" || fail=1
[ $fail -eq 0 ] && echo "PASS: S1+S2+S3+S4 applied through Route 53 with zero failed answers"
exit $fail
