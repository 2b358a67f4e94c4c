#!/usr/bin/env bash
# S5 end to end, Route 53 path: www.example.test moves from 192.0.2.10 (set
# "blue", a plain record before the shift) to 192.0.2.70 ("green") through the
# weight steps 100/0, 80/20, 50/50, 0/100, run by `cutover apply` against moto
# behind the lab's proxy while PowerDNS answers the weighted sets in
# proportion (route53_answers.py) and a client resolves the name through
# Unbound every 50 ms. Three runs, one per MODE:
#
#   shift  the shift completes with the health check healthy and the alarm OK;
#          the client saw 0 failed answers, each one of the two targets; the
#          share of green each step's gate sampled is printed, within its bound
#   alarm  the CloudWatch alarm goes to ALARM (set_alarm_state through the lab)
#          once 50/50 is set: apply exits 1 naming the alarm, and Route 53
#          holds 80/20 again (the last weights that held)
#   crash  apply is killed (SIGKILL) at each step boundary and after each
#          announced action, and rerun until it completes; the proxy's log
#          shows no weight change sent twice
set -euo pipefail
mode=$1
dir=$2
source "$(dirname "$0")/common.sh"
witness_names=(www.example.test/A=192.0.2.10,192.0.2.70 api.example.test/A=192.0.2.11)
route53_lab_start "$dir"
zone_id=$(jq -r '.zones.old.hosted_zone_id' "$dir/plan.json")

# botocore as account old, through the lab's proxy: `lab_aws SERVICE METHOD JSON_ARGS` prints the reply.
lab_aws() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, os, sys, botocore.session
env = json.load(open(os.path.join(os.environ["LAB_DIR"], "aws", "env.json")))
keys = env["keys"]["old"]
c = botocore.session.get_session().create_client(sys.argv[1], region_name="us-east-1", endpoint_url=env["AWS_LAB_URL"],
    aws_access_key_id=keys["access_key_id"], aws_secret_access_key=keys["secret_access_key"])
out = getattr(c, sys.argv[2])(**json.loads(sys.argv[3]))
out.pop("ResponseMetadata", None)
print(json.dumps(out, default=str))
PY
}
export LAB_DIR=$dir
lab_aws cloudwatch put_metric_alarm '{"AlarmName": "www-green-5xx", "MetricName": "5XXError", "Namespace": "AWS/ApplicationELB",
  "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 10.0, "ComparisonOperator": "GreaterThanThreshold"}' > /dev/null
lab_aws cloudwatch set_alarm_state '{"AlarmName": "www-green-5xx", "StateValue": "OK", "StateReason": "lab: quiet"}' > /dev/null
hc=$(lab_aws route53 create_health_check '{"CallerReference": "www-green", "HealthCheckConfig": {"Type": "HTTP",
  "IPAddress": "192.0.2.70", "Port": 80, "ResourcePath": "/health"}}' | jq -r '.HealthCheck.Id')
curl -sf -X DELETE "$AWS_LAB_URL/_lab/log" > /dev/null  # from here on the log holds what cutover sends

plan="$dir/shift-plan.json"
cat > "$plan" <<JSON
{
  "version": 1,
  "description": "S5 in the Route 53 lab: www.example.test shifts from blue to green in weighted steps",
  "domain": "example.test",
  "accounts": { "old": { "profile": "old" } },
  "zones": { "old": { "name": "example.test", "provider": "route53", "account": "old", "hosted_zone_id": "$zone_id" } },
  "strategies": [
    { "type": "weighted-shift", "zone": "old", "name": "www.example.test", "ttl": 3,
      "from": { "set_identifier": "blue", "values": ["192.0.2.10"] },
      "to": { "set_identifier": "green", "values": ["192.0.2.70"] },
      "steps": [[100, 0], [80, 20], [50, 50], [0, 100]], "soak_seconds": 2, "samples_per_server": 200,
      "health_checks": ["$hc"], "alarms": ["www-green-5xx"], "on_failure": "rollback", "cleanup": true }
  ],
  "verification": { "resolvers": ["$R53_RESOLVER"], "timeout_ms": 500 }
}
JSON

# What Route 53 holds for www.example.test A: "blue=80 green=20", or "plain" for an unweighted set.
weights_held() {
  lab_aws route53 list_resource_record_sets "{\"HostedZoneId\": \"$zone_id\", \"StartRecordName\": \"www.example.test\",
    \"StartRecordType\": \"A\", \"MaxItems\": \"5\"}" |
    jq -r '[.ResourceRecordSets[] | select(.Name == "www.example.test." and .Type == "A")
            | if .SetIdentifier then "\(.SetIdentifier)=\(.Weight)" else "plain" end] | sort | join(" ")'
}

# The share of green each weighted-answers gate sampled, per server, from the journal.
print_shares() {  # print_shares JOURNAL -> fails when a gate's sample was outside its bound
  jq -r 'select(.event == "gate" and .data.kind == "weighted-answers")
         | "\(.step) [\(.data.verdict)]\n\(.data.evidence)"' "$1" | sed 's/^/  /'
  ! grep -q OUTSIDE "$1"
}

# Every ChangeResourceRecordSets that reached moto, and any body sent twice.
weight_changes_sent() {
  jq -r 'select(.operation == "ChangeResourceRecordSets" and .forwarded and .status == 200) | .idempotency_key' "$requests"
}

fail=0
case "$mode" in
  shift)
    plan_and_apply_witnessed "$plan" "$dir"
    [ $rc -eq 0 ] || { echo "FAIL: cutover apply exited $rc"; fail=1; }
    [ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
    same_steps "$dir/plan.txt" "$dir/apply.txt" || fail=1
    echo "share of green sampled at each step (4 sigma bound):"
    print_shares "$plan.journal" || { echo "FAIL: a sampled share was outside its bound"; fail=1; }
    held=$(weights_held)
    echo "Route 53 holds: $held"
    [ "$held" = "green=100" ] || { echo "FAIL: expected only green=100 after the cleanup"; fail=1; }
    [ "$(weight_changes_sent | sort | uniq -d)" = "" ] || { echo "FAIL: a weight change was sent twice"; fail=1; }
    [ $fail -eq 0 ] && echo "PASS: www.example.test shifted blue -> green in 4 verified steps with zero failed answers"
    ;;
  alarm)
    start_witness "$dir/witness.txt"
    rc=0
    "$CUTOVER" apply "$plan" --yes --format json --poll-interval 0.5 --check-timeout 60 > "$dir/apply.jsonl" 2>&1 &
    apply_pid=$!
    # Once 50/50 is set, the green stack's 5xx alarm fires.
    until grep '"event":"step-done"' "$dir/apply.jsonl" 2>/dev/null | grep -q '"shift.www.example.test.weights-2"'; do
      kill -0 "$apply_pid" 2>/dev/null || break
      sleep 0.1
    done
    lab_aws cloudwatch set_alarm_state '{"AlarmName": "www-green-5xx", "StateValue": "ALARM", "StateReason": "lab: 5xx above 10"}' > /dev/null
    wait "$apply_pid" || rc=$?
    apply_pid=""
    witness_settles_and_stops "$dir"
    cat "$dir/apply.jsonl"
    [ $rc -eq 1 ] || { echo "FAIL: apply exited $rc, expected 1"; fail=1; }
    grep -q '"event":"rolled-back"' "$dir/apply.jsonl" || { echo "FAIL: no rollback reported"; fail=1; }
    grep '"event":"rolled-back"' "$dir/apply.jsonl" | grep -q "alarm 'www-green-5xx' is ALARM" ||
      { echo "FAIL: the rollback does not name the alarm"; fail=1; }
    held=$(weights_held)
    echo "Route 53 holds: $held"
    [ "$held" = "blue=80 green=20" ] || { echo "FAIL: expected the last weights that held, blue=80 green=20"; fail=1; }
    [ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
    [ $fail -eq 0 ] && echo "PASS: the alarm stopped the shift at 50/50 and 80/20 was put back, exit 1"
    ;;
  crash)
    apply_with_kills_witnessed "$plan" "$dir"
    check_crash_run 5 "$plan.journal"
    sent=$(weight_changes_sent | wc -l)
    twice=$(weight_changes_sent | sort | uniq -d)
    echo "weight changes that reached Route 53: $sent (4 steps and the cleanup expected)"
    [ -z "$twice" ] || { echo "FAIL: a weight change was sent twice: $twice"; fail=1; }
    [ "$sent" -eq 5 ] || { echo "FAIL: expected 5 weight changes"; fail=1; }
    [ "$(weights_held)" = "green=100" ] || { echo "FAIL: the shift did not end at green=100"; fail=1; }
    [ $fail -eq 0 ] && echo "PASS: $kills kills, every rerun resumed, no weight change sent twice, zero failed answers"
    ;;
  *) echo "usage: $0 shift|alarm|crash DIR"; exit 2 ;;
esac
exit $fail
