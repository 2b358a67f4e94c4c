#!/usr/bin/env bash
# End to end, Route 53 path: S2 (dev.example.test in its own hosted zone,
# delegated from both parents), S1 (example.test moves to a hosted zone of
# another account, name servers switched at Route 53 Domains), S3 (the
# registration follows) and S4 (db.example.test moves to the new cluster
# after the window), run by `cutover apply` against moto behind the lab's
# proxy while real servers serve what moto holds and a client resolves the
# names through Unbound every 50 ms. Passes when the apply completes, ran the
# steps the plan printed, the end state holds in DNS and in AWS, no mutating
# call took effect twice (with throttling, 503s and latency injected by the
# proxy), and the client saw zero failed or wrong answers.
set -euo pipefail
dir=$1
source "$(dirname "$0")/common.sh"
witness_names[3]=db.example.test/CNAME=prod.cluster-old.db.test.,prod.cluster-new.db.test.
# A zone shaped like production: aliases, a weighted pair, geolocation sets and
# a failover pair with a health check (route53_lab.py RICH_RECORD_SETS) are
# copied and witnessed too; route53_verify.py checks the recreated check.
export ROUTE53_LAB_RICH=1
witness_names+=(
  cdn.example.test/A=198.51.100.20,198.51.100.21
  alias.example.test/A=192.0.2.10
  shop.example.test/A=192.0.2.41,192.0.2.42
  geo.example.test/A=192.0.2.51
  failover.example.test/A=192.0.2.61
)
route53_lab_start "$dir"
plan="$dir/plan.json"
# AWS answers as it does on a bad day: throttled change batches (twice: the
# standard retry mode gives up after 3 attempts), a Route 53
# Domains outage, slow RDS. cutover must retry them and still change
# everything exactly once (checked in the proxy's log by route53_verify.py).
arm_fault() { curl -sf -X POST "$AWS_LAB_URL/_lab/faults" -d "$1" > /dev/null; }
arm_fault '{"service": "route53", "operation": "ChangeResourceRecordSets", "kind": "throttle", "count": 2}'
arm_fault '{"service": "route53", "operation": "GetChange", "kind": "status", "status": 503, "count": 2}'
arm_fault '{"service": "route53domains", "operation": "UpdateDomainNameservers", "kind": "throttle", "count": 1, "retry_after": 1}'
arm_fault '{"service": "rds", "kind": "latency", "latency_ms": 300, "count": 3}'

plan_and_apply_witnessed "$plan" "$dir"

fail=0
[ $rc -eq 0 ] || { echo "FAIL: cutover apply exited $rc"; fail=1; }
[ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
same_steps "$dir/plan.txt" "$dir/apply.txt" || fail=1
python3 "$here/route53_verify.py" "$dir" || fail=1
left=$(curl -sf "$AWS_LAB_URL/_lab/faults")
faulted=$(jq -s '[.[] | select(.fault != null)] | length' "$dir/aws/requests.jsonl")
echo "faults injected: $faulted requests answered with a fault; still armed: $left"
[ "$left" = "[]" ] || { echo "FAIL: not every fault was met: $left"; fail=1; }
[ $fail -eq 0 ] && echo "PASS: S1+S2+S3+S4 applied through Route 53 with zero failed answers"
exit $fail
