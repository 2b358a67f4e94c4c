#!/usr/bin/env bash
# End to end, S5 names in bulk (plans/lab-route53-records.json): twelve names
# {env}-{app}.example.test, each an alias to the lab's load balancer, created
# in the old account's hosted zone (moto behind the lab's proxy, served by
# PowerDNS). Passes when the live plan shows 12 CREATE, `cutover apply` sends
# them in ONE ChangeResourceRecordSets (counted in the proxy's requests.jsonl)
# and its check after held on every authoritative server, every server answers
# each name with the load balancer's addresses (kdig), a rerun on the same
# journal and one on a new journal send no mutating call, and `cutover
# rollback` deletes the twelve in one request, after which every server
# answers NXDOMAIN for each.
set -euo pipefail
dir=$1
source "$(dirname "$0")/common.sh"
route53_lab_start "$dir"
export HOME="$dir/home"
mkdir -p "$HOME"
plan="$dir/records-plan.json"
zone_id=$(jq -r .zones.old.hosted_zone_id "$dir/plan.json")
sed "s/Z0LABOLDZONEID/$zone_id/" "$here/../../../plans/lab-route53-records.json" > "$plan"
fail=0
check() {  # check WHAT CONDITION (a shell expression, evaluated)
  if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
changes_since() {  # changes_since SEQ -> ChangeResourceRecordSets that reached moto after SEQ
  jq -s --argjson seq "$1" '[.[] | select(.seq > $seq and .operation == "ChangeResourceRecordSets" and .forwarded)] | length' "$requests"
}
mutating_since() { jq -s --argjson seq "$1" '[.[] | select(.seq > $seq and .mutating and .forwarded)] | length' "$requests"; }
last_seq() { jq -s 'map(.seq) | max // 0' "$requests"; }
zone_servers() {
  local ns
  for ns in $(kdig +timeout=1 +retry=2 +norecurse @$R53_TLD1 example.test NS 2>/dev/null | awk '!/^;/ && $4 == "NS" {print $5}'); do
    kdig +timeout=1 +retry=2 +norecurse @$R53_TLD1 "$ns" A 2>/dev/null | awk '!/^;/ && $4 == "A" {print $5}'
  done
}
names() { for env in a b c d; do for app in x y z; do echo "$env-$app.example.test"; done; done; }
# every_server_answers STATUS [VALUES]: each name on each zone server gives the status (and the sorted A values)
every_server_answers() {
  local s n bad=0 asked=0
  for s in $(zone_servers); do
    for n in $(names); do
      out=$(kdig +timeout=1 +retry=2 +norecurse @"$s" "$n" A 2>/dev/null)
      got=$(echo "$out" | awk '!/^;/ && $4 == "A" {print $5}' | sort | tr '\n' ' ')
      asked=$((asked + 1))
      if ! echo "$out" | grep -q "status: $1" || [ "$got" != "${2:-}" ]; then
        echo "     $s $n: $(echo "$out" | grep -o 'status: [A-Z]*') $got"
        bad=$((bad + 1))
      fi
    done
  done
  echo "     $asked answers asked of $(zone_servers | wc -l) servers, $bad not as expected"
  [ "$bad" -eq 0 ] && [ "$asked" -gt 0 ]
}
apply() { "$CUTOVER" apply "$plan" --yes --poll-interval 0.5 --check-timeout 60 "$@"; }

"$CUTOVER" plan "$plan" > "$dir/plan.txt"
check "the live plan counts 12 CREATE" 'grep -q "live: 12 CREATE, 0 UPSERT, 0 DELETE, 0 unchanged" "$dir/plan.txt"'

seq0=$(last_seq)
start=$(date +%s.%N)
apply > "$dir/apply.out" 2>&1 || { cat "$dir/apply.out"; exit 1; }
echo "apply: $(echo "$(date +%s.%N) - $start" | bc) s"
check "one ChangeResourceRecordSets for the twelve names" '[ "$(changes_since "$seq0")" = 1 ]'
check "it carried 12 CREATE" 'grep -q "12 CREATE, 0 UPSERT, 0 DELETE, 0 unchanged" "$dir/apply.out"'
check "the check after held on every authoritative server" \
  "grep '\"records-as-planned\"' \"\$plan.journal\" | grep '\"check after\"' | grep -q '\"verdict\":\"holds\"' && grep -q 'All steps done' \"\$dir/apply.out\""
check "every server answers each name with the load balancer" 'every_server_answers NOERROR "198.51.100.10 198.51.100.11 "'
journal="$plan.journal"
check "the journal kept the 12 names as absent before" "grep -q 'a-x.example.test' '$journal'"

seq1=$(last_seq)
apply > "$dir/rerun.out" 2>&1
check "a rerun on the same journal sends no mutating call" '[ "$(mutating_since "$seq1")" = 0 ]'
apply --journal "$dir/fresh.journal" > "$dir/fresh.out" 2>&1
check "a rerun on a new journal finds it in effect and sends nothing" '[ "$(mutating_since "$seq1")" = 0 ] && grep -q "nothing to change" "$dir/fresh.out"'

seq2=$(last_seq)
"$CUTOVER" rollback "$plan" --yes > "$dir/rollback.out" 2>&1 || { cat "$dir/rollback.out"; exit 1; }
check "the rollback deletes the twelve in one request" '[ "$(changes_since "$seq2")" = 1 ]'
for i in $(seq 1 20); do every_server_answers NXDOMAIN "" > /dev/null && break; sleep 0.5; done
check "every server answers NXDOMAIN for each name after the rollback" 'every_server_answers NXDOMAIN ""'

if [ "$fail" -ne 0 ]; then
  echo "--- apply"; cat "$dir/apply.out"; echo "--- rollback"; cat "$dir/rollback.out"
  echo "FAIL"; exit 1
fi
echo "PASS: 12 names in one request, verified on every server, nothing sent twice, rolled back in one request"
