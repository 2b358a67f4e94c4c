#!/usr/bin/env bash
# End to end, S4 daily clone (plans/lab-route53-daily-clone.json): "yesterday"
# left the clone prod-<yesterday> tagged connected, with devdb.example.test (old
# zone, account old) a CNAME to its writer endpoint. Today `cutover apply` clones
# prod (RestoreDBClusterToPointInTime, account new) as prod-<today>, adds an
# instance, waits until both are available (the lab keeps them `creating` for a
# few seconds), tags it ready, points devdb.example.test at it, tags it connected
# and yesterday's clone aborted, and deletes the aborted clone (instances first),
# while a client resolves the names through Unbound every 50 ms.
#
# Moto gives a cluster endpoint a random part (prod-20261122.cluster-<12
# random>.us-east-1.rds.amazonaws.com), so the witness cannot know today's
# endpoint before the clone exists: the apply runs in three parts on one
# journal (--until the ready tag, --until the connected tag, then the rest),
# one witness asks from the start (devdb: yesterday's endpoint only) and a
# second one, started before the first stops, accepts yesterday's or today's.
#
# Passes when the plan's steps ran in order, a rerun on the same journal sends
# no mutating call, a rerun on a new journal the same day creates and deletes
# nothing (its other calls are printed, see the note there), the end state
# holds after both in AWS and on every authoritative server, the proxy's log
# shows exactly one RestoreDBClusterToPointInTime and, up to the rerun on a new
# journal, no mutating call that took effect twice, and the witnesses saw zero
# failed or wrong answers.
set -euo pipefail
dir=$1
source "$(dirname "$0")/common.sh"
route53_lab_start "$dir"
first_witness=""  # while the second witness starts; stop_all ends `witness`
cleanup() {
  if [ -n "$first_witness" ]; then kill "$first_witness" 2>/dev/null || true; fi
  stop_all route53_lab_stop "$dir"
}
trap cleanup EXIT
export HOME="$dir/home"  # the AWS CLI caches credentials under HOME
mkdir -p "$HOME"
plan="$dir/daily-clone-plan.json"
zone_id=$(jq -r .zones.old.hosted_zone_id "$plan")
today=$(date -u +%Y%m%d)
yesterday=$(date -u -d yesterday +%Y%m%d)
rds() { aws --profile new --endpoint-url "$AWS_LAB_URL" rds "$@"; }
apply() { "$CUTOVER" apply "$plan" --yes --poll-interval 0.5 --check-timeout 120 "$@"; }
fail=0
check() {  # check WHAT CONDITION (a shell expression, evaluated)
  if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

# What one cluster looks like: "status lifecycle-tag endpoint", or "absent".
cluster() {  # cluster ID
  rds describe-db-clusters --db-cluster-identifier "$1" --output json 2>/dev/null |
    jq -r '.DBClusters[0] | "\(.Status) \([(.TagList // [])[] | select(.Key == "cutover:lifecycle") | .Value] | first // "none") \(.Endpoint)"' ||
    echo absent
}
instances_of() {  # instances_of CLUSTER -> "id status" lines
  rds describe-db-instances --filters Name=db-cluster-id,Values="$1" --output json |
    jq -r '.DBInstances[] | "\(.DBInstanceIdentifier) \(.DBInstanceStatus)"'
}
# Every authoritative server of example.test, as the TLD hands them out.
zone_servers() {
  local ns
  for ns in $(kdig +timeout=1 +retry=2 +norecurse @$R53_TLD1 example.test NS 2>/dev/null | awk '!/^;/ && $4 == "NS" {print $5}'); do
    kdig +timeout=1 +retry=2 +norecurse @$R53_TLD1 "$ns" A 2>/dev/null | awk '!/^;/ && $4 == "A" {print $5}'
  done
}
cname_at() {  # cname_at SERVER NAME
  kdig +timeout=1 +retry=2 +norecurse @"$1" "$2" CNAME 2>/dev/null | awk '!/^;/ && $4 == "CNAME" {print tolower($5)}'
}
servers_answer() {  # servers_answer NAME TARGET -> 0 when every zone server answers TARGET
  local s n=0
  for s in $(zone_servers); do
    [ "$(cname_at "$s" "$1")" = "$2" ] || return 1
    n=$((n + 1))
  done
  [ $n -gt 0 ]
}
mutating_since() {  # mutating_since SEQ -> count of mutating calls that reached moto after SEQ
  jq -s --argjson seq "$1" '[.[] | select(.seq > $seq and .mutating and .forwarded)] | length' "$requests"
}
last_seq() { jq -s 'map(.seq) | max // 0' "$requests"; }

# --- yesterday: a clone tagged connected, the pointer at its writer endpoint
rds create-db-cluster --db-cluster-identifier "prod-$yesterday" --engine aurora-postgresql --master-username lab \
  --master-user-password lab-password-0 --tags Key=cutover:lifecycle,Value=connected --output json > /dev/null
rds create-db-instance --db-instance-identifier "prod-$yesterday-1" --db-cluster-identifier "prod-$yesterday" \
  --engine aurora-postgresql --db-instance-class db.r6g.large --output json > /dev/null
old_endpoint=$(cluster "prod-$yesterday" | awk '{print $3}')
old_target="$old_endpoint."
aws --profile old route53 change-resource-record-sets --hosted-zone-id "$zone_id" --output json --change-batch \
  "{\"Changes\": [{\"Action\": \"UPSERT\", \"ResourceRecordSet\": {\"Name\": \"devdb.example.test\", \"Type\": \"CNAME\",
    \"TTL\": 5, \"ResourceRecords\": [{\"Value\": \"$old_target\"}]}}]}" > /dev/null
for _ in $(seq 1 100); do servers_answer devdb.example.test "$old_target" && break; sleep 0.2; done
servers_answer devdb.example.test "$old_target" || { echo "FAIL: the zone's servers never answered yesterday's pointer"; exit 1; }
echo "yesterday: prod-$yesterday ($old_endpoint) tagged connected, devdb.example.test points at it"
# Today's clone and its instance report `creating` for a while: the available step must wait it out.
curl -sf -X POST "$AWS_LAB_URL/_lab/config" -d '{"cluster_creating_seconds": 4, "instance_creating_seconds": 4}' > /dev/null

witness_names+=("devdb.example.test/CNAME=$old_target")
start_witness "$dir/witness-1.txt"
sleep 1
"$CUTOVER" plan "$plan" > "$dir/plan.txt"
cat "$dir/plan.txt"
started=$(date +%s)
rc1=0 rc2=0 rc3=0
apply --until db.devdb.example.test.ready | tee "$dir/apply-1.txt" || rc1=$?
new_endpoint=$(cluster "prod-$today" | awk '{print $3}')
new_target="$new_endpoint."
unset 'witness_names[-1]'
witness_names+=("devdb.example.test/CNAME=$old_target,$new_target")
first_witness=$witness
start_witness "$dir/witness-2.txt"
sleep 1
second_witness=$witness
witness=$first_witness
first_witness=""
witness1_rc=0
stop_witness "$dir/witness-1.txt" || witness1_rc=$?
witness=$second_witness

apply --until db.devdb.example.test.connected | tee "$dir/apply-2.txt" || rc2=$?
read -r _ yesterday_tag _ <<< "$(cluster "prod-$yesterday")"
read -r _ today_tag _ <<< "$(cluster "prod-$today")"
check "after the switch: prod-$yesterday tagged '$yesterday_tag', prod-$today tagged '$today_tag'" '[ "$yesterday_tag" = aborted ] && [ "$today_tag" = connected ]'
apply | tee "$dir/apply-3.txt" || rc3=$?
took=$(( $(date +%s) - started ))
for r in $rc1 $rc2 $rc3; do [ "$r" -eq 0 ] || { echo "FAIL: an apply exited $r"; fail=1; }; done
# Resolvers may hold yesterday's answer for the pointer's TTL; keep asking past it.
sleep 7
witness2_rc=0
stop_witness "$dir/witness-2.txt" || witness2_rc=$?
check "the witnesses saw zero failed or wrong answers" '[ $((witness1_rc + witness2_rc)) -eq 0 ]'
cat "$dir/apply-1.txt" "$dir/apply-2.txt" "$dir/apply-3.txt" > "$dir/apply.txt"
same_steps "$dir/plan.txt" "$dir/apply.txt" || fail=1

# --- reruns the same day: the same journal, then a new one
seq_before=$(last_seq)
rc=0
apply > "$dir/rerun-same-journal.txt" 2>&1 || rc=$?
same_journal_calls=$(mutating_since "$seq_before")
check "a rerun on the same journal exits $rc and makes $same_journal_calls mutating calls" '[ $rc -eq 0 ] && [ "$same_journal_calls" -eq 0 ]'
first_run_seq=$(last_seq)
rc=0
apply --journal "$dir/second-run.journal" > "$dir/rerun-new-journal.txt" 2>&1 || rc=$?
[ $rc -eq 0 ] || tail -n 20 "$dir/rerun-new-journal.txt"
rerun_calls=$(jq -s -r --argjson seq "$first_run_seq" '[.[] | select(.seq > $seq and .mutating and .forwarded) | .operation]
  | group_by(.) | map("\(.[0]) \(length)") | join(", ")' "$requests")
new_journal_calls=$(mutating_since "$first_run_seq")
rds_changes=$(jq -s --argjson seq "$first_run_seq" '[.[] | select(.seq > $seq and .mutating and .forwarded
  and (.operation | test("^(Restore|Create|Delete)")))] | length' "$requests")
check "a rerun on a new journal exits $rc and creates or deletes nothing ($rds_changes RDS creations or deletions)" \
  '[ $rc -eq 0 ] && [ "$rds_changes" -eq 0 ]'
# With a new journal the executor runs every action again without asking
# whether it is in effect: the provider refuses to clone or add an instance
# twice, and a lifecycle tag never moves backwards (a connected clone is not
# tagged ready again). What is left is the pointer's UPSERT, the same values
# sent again (Route 53 answers it like any UPSERT).
tags_again=$(jq -s --argjson seq "$first_run_seq" '[.[] | select(.seq > $seq and .mutating and .forwarded
  and .operation == "AddTagsToResource")] | length' "$requests")
check "a rerun on a new journal tags nothing again ($tags_again tag calls; all its calls: ${rerun_calls:-none})" '[ "$tags_again" -eq 0 ]'
[ "$new_journal_calls" -eq 0 ] || echo "note: the rerun on a new journal sent $new_journal_calls mutating calls again: $rerun_calls"

# --- the end state in AWS and DNS, after the reruns
read -r status tag endpoint <<< "$(cluster "prod-$today")"
check "prod-$today is $status, tagged $tag, endpoint $endpoint" '[ "$status" = available ] && [ "$tag" = connected ]'
today_instances=$(instances_of "prod-$today" | tr '\n' ' ')
check "its instances: $today_instances" '[ "$today_instances" = "prod-$today-1 available " ]'
check "prod-$yesterday and its instance are deleted" '[ "$(cluster "prod-$yesterday")" = absent ] && [ -z "$(instances_of "prod-$yesterday")" ]'
clusters=$(rds describe-db-clusters --output json | jq -r '[.DBClusters[].DBClusterIdentifier] | sort | join(" ")')
check "the account holds the clusters: $clusters" '[ "$clusters" = "prod prod-$today" ]'
servers=$(zone_servers | tr '\n' ' ')
check "every server of example.test (${servers% }) answers devdb.example.test CNAME $new_target" 'servers_answer devdb.example.test "$new_target"'

# --- the proxy's log: one clone in all, nothing twice up to the rerun on a new journal
restores=$(jq -s '[.[] | select(.operation == "RestoreDBClusterToPointInTime" and .forwarded)] | length' "$requests")
check "$restores RestoreDBClusterToPointInTime forwarded in all" '[ "$restores" -eq 1 ]'
twice=$(jq -s -c --argjson seq "$first_run_seq" '[.[] | select(.seq <= $seq and .mutating and (.forwarded or (.status >= 200 and .status < 300)))]
  | group_by(.idempotency_key) | map(select(length > 1) | "\(.[0].operation) x\(length)")' "$requests")
mutating=$(jq -s --argjson seq "$first_run_seq" '[.[] | select(.seq <= $seq and .mutating and .forwarded)] | length' "$requests")
check "$mutating mutating calls took effect before that rerun (the setup's 3 included), none twice $twice" '[ "$twice" = "[]" ]'
order=$(jq -s -r '[.[] | select(.operation == "DeleteDBInstance" or .operation == "DeleteDBCluster") | .operation] | join(" ")' "$requests")
check "the clean step deleted the instance, then the cluster ($order)" '[ "$order" = "DeleteDBInstance DeleteDBCluster" ]'
echo "mutating calls: $(jq -s -r '[.[] | select(.mutating and .forwarded) | .operation] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' "$requests")"
queries=0
for w in "$dir/witness-1.txt" "$dir/witness-2.txt"; do
  queries=$(( queries + $(grep -oE '[0-9]+ queries' "$w" | grep -oE '[0-9]+') ))
done
[ $fail -eq 0 ] && echo "PASS: daily clone prod-$today connected in ${took}s, prod-$yesterday aborted and deleted," \
  "$restores clone in all, $mutating mutating calls none twice, same-journal rerun $same_journal_calls calls," \
  "new-journal rerun $rds_changes creations ($new_journal_calls calls), $queries queries with zero failed answers"
exit $fail
