#!/usr/bin/env bash
# End to end, S5 on the RFC 2136 path: the lab's example.test (a Knot primary
# and secondary, UPDATE signed with TSIG) gets twelve CNAMEs {env}-{app}, one
# A changed and one CNAME deleted, by a `records` plan made from the lab's own
# plan. Passes when the apply counts 12 CREATE, 1 UPSERT, 1 DELETE and its
# check after held, both servers answer every name as planned (kdig), a rerun
# on a new journal finds nothing to change, and `cutover rollback` puts the A
# and the CNAME back and removes the twelve on both servers.
set -euo pipefail
dir=$1
source "$(dirname "$0")/common.sh"
rfc2136_lab_start "$dir"
plan="$dir/records-plan.json"
jq '{version, domain, zones: {old: .zones.old}, verification, assume,
     strategies: [{type: "records", zone: "old",
       matrix: {env: ["a", "b", "c", "d"], app: ["x", "y", "z"]},
       records: [{name: "{env}-{app}.example.test", type: "CNAME", ttl: 30, value: "{app}.{env}.lb.example.test"},
                 {name: "api.example.test", type: "A", ttl: 5, value: "192.0.2.99"}],
       delete: [{name: "db.example.test", type: "CNAME"}]}]}' "$dir/plan.json" > "$plan"
servers=$(jq -r '.zones.old.servers[]' "$plan")
fail=0
check() {  # check WHAT CONDITION (a shell expression, evaluated)
  if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
answer() {  # answer SERVER NAME TYPE -> "STATUS value..."
  local out
  out=$(kdig +timeout=1 +retry=2 +norecurse @"$1" "$2" "$3" 2>/dev/null)
  echo "$(echo "$out" | grep -o 'status: [A-Z]*' | cut -d' ' -f2) $(echo "$out" | awk -v t="$3" '!/^;/ && $4 == t {print $5}' | tr '\n' ' ')"
}
all_servers() {  # all_servers NAME TYPE EXPECTED -> every server's answer() is EXPECTED
  local s
  for s in $servers; do [ "$(answer "$s" "$1" "$2")" = "$3" ] || { echo "     $s $1 $2: $(answer "$s" "$1" "$2")"; return 1; }; done
}
every_name() {  # every_name EXPECTED_FOR (a function of env and app)
  local env app
  for env in a b c d; do for app in x y z; do all_servers "$env-$app.example.test" CNAME "$($1 "$env" "$app")" || return 1; done; done
}
planned() { echo "NOERROR $2.$1.lb.example.test. "; }
absent() { echo "NXDOMAIN "; }
settled() { for i in $(seq 1 20); do eval "$1" > /dev/null 2>&1 && return 0; sleep 0.5; done; eval "$1"; }

"$CUTOVER" apply "$plan" --yes --poll-interval 0.5 --check-timeout 60 > "$dir/apply.out" 2>&1 || { cat "$dir/apply.out"; exit 1; }
check "the apply carried 12 CREATE, 1 UPSERT, 1 DELETE" 'grep -q "12 CREATE, 1 UPSERT, 1 DELETE, 0 unchanged" "$dir/apply.out"'
check "its check after held on every server" \
  "grep '\"records-as-planned\"' \"\$plan.journal\" | grep '\"check after\"' | grep -q '\"verdict\":\"holds\"'"
check "both servers answer the twelve as planned" 'every_name planned'
check "both servers answer the changed A" 'all_servers api.example.test A "NOERROR 192.0.2.99 "'
check "both servers have the CNAME deleted" 'all_servers db.example.test CNAME "NXDOMAIN "'
"$CUTOVER" apply "$plan" --yes --journal "$dir/fresh.journal" > "$dir/fresh.out" 2>&1
check "a rerun on a new journal finds nothing to change" 'grep -q "nothing to change: 0 CREATE, 0 UPSERT, 0 DELETE, 14 unchanged" "$dir/fresh.out"'
"$CUTOVER" rollback "$plan" --yes > "$dir/rollback.out" 2>&1 || { cat "$dir/rollback.out"; exit 1; }
check "the rollback removes the twelve" 'settled "every_name absent"'
check "the rollback puts the A back" 'settled "all_servers api.example.test A \"NOERROR 192.0.2.11 \""'
check "the rollback puts the CNAME back" 'settled "all_servers db.example.test CNAME \"NOERROR prod.cluster-old.db.test. \""'
if [ "$fail" -ne 0 ]; then
  echo "--- apply"; cat "$dir/apply.out"; echo "--- rollback"; cat "$dir/rollback.out"; echo FAIL; exit 1
fi
echo "PASS: RFC 2136: 12 created, 1 changed, 1 deleted, verified on both servers, rerun idle, rolled back"
