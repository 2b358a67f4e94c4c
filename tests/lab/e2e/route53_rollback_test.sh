#!/usr/bin/env bash
# End to end, Route 53 path, rolling back: `cutover apply --until
# switch.registrar` (the new zone created and filled, the NS TTLs lowered in
# both zones, the db pointer pinned to the old cluster, dev sub-delegated from
# both parents, the TLD switched to the new zone's name servers), then at once
# `cutover rollback`, while a client resolves the names through Unbound every
# 50 ms. Passes when:
# - rollback undoes, last first, the switch, the two delegations of dev, the
#   pin and the NS TTLs (one undo per zone: 'new' and 'old'), and refuses
#   exactly one step: zone.new.create ("too-late": a parent delegated to the
#   new zone during the run, so resolvers may still ask it), where it stops
#   (exit 1) and zone.dev.create is left as it is;
# - afterwards the TLD delegates example.test to the old zone's name servers
#   again, the apex NS TTL of both zones is what the plan says it restores
#   (old: as observed before the apply), db.example.test answers the old target;
# - the health check the copy recreated in the new account (the rich zone's
#   failover primary names one of the old account) is deleted again, and
#   the old account's check stays;
# - the client saw zero failed or wrong answers;
# - the proxy's log shows no mutating call that took effect twice within the
#   rollback, and any key the rollback shares with the apply is a
#   byte-identical ChangeResourceRecordSets (see the comment at that check).
#
# Timing: the undo of switch.registrar is safe for only 12 s after that step
# (parent NS TTL 10 s + margin 2 s in this lab: the window while both zones
# are kept identical); the rollback therefore runs right after the apply and
# one kdig, a couple of seconds at most.
set -euo pipefail
dir=$1
source "$(dirname "$0")/common.sh"
# The pointer is only pinned to the old cluster here, never switched: only the old target is right.
witness_names[3]=db.example.test/CNAME=prod.cluster-old.db.test.
# The production-shaped zone (route53_lab.py RICH_RECORD_SETS): its failover
# primary's health check is recreated by the copy and deleted by the rollback.
export ROUTE53_LAB_RICH=1
route53_lab_start "$dir"
plan="$dir/plan.json"
fail=0

# The apex NS TTL and names each server of a zone answers with: "ttl name name..." per server.
apex_ns_at() {  # apex_ns_at ADDRESS...
  local a
  for a in "$@"; do
    kdig +timeout=1 +retry=2 +norecurse @"$a" example.test NS 2>/dev/null |
      awk '!/^;/ && $4 == "NS" {ttl = $2; n = n " " tolower($5)} END {print (ttl == "" ? "none" : ttl) n}'
  done
}
# The addresses the TLD holds for name server names.
addresses_of() {  # addresses_of NAME...
  local n
  for n in "$@"; do
    kdig +timeout=1 +retry=2 +norecurse @$R53_TLD1 "$n" A 2>/dev/null | awk '!/^;/ && $4 == "A" {print $5}'
  done
}
# The apex NS names of the hosted zone example.test in account NAME (old, new), from the AWS lab's state.
zone_ns_names() {  # zone_ns_names ACCOUNT_NAME
  python3 - "$dir" "$1" <<'EOF'
import json, sys, urllib.request
env = json.load(open(sys.argv[1] + "/aws/env.json"))
state = json.load(urllib.request.urlopen(env["AWS_LAB_URL"] + "/_lab/state", timeout=30))
for z in state["accounts"][env["accounts"][sys.argv[2]]]["hosted_zones"]:
    if z["name"] == "example.test.":
        for r in z["records"]:
            if r["type"] == "NS" and r["name"].rstrip(".") == "example.test":
                print(" ".join(sorted(v.lower().rstrip(".") + "." for v in r["values"])))
EOF
}
sorted_words() { tr ' ' '\n' | grep -v '^$' | sort | tr '\n' ' ' | sed 's/ $//'; }

"$CUTOVER" plan "$plan" > "$dir/plan.txt"
grep -q '\[switch.registrar\]$' "$dir/plan.txt" || { echo "FAIL: the plan has no step switch.registrar"; exit 1; }
# What the plan says the NS TTL undo restores: "set the NS TTLs back to 10 s in 'old' and 10 s in 'new'".
restore=$(grep -oE "set the NS TTLs back to [0-9]+ s in 'old' and [0-9]+ s in 'new'" "$dir/plan.txt" || true)
[ -n "$restore" ] || { echo "FAIL: the plan does not say to what the NS TTL undo restores"; exit 1; }
restore_old=$(echo "$restore" | awk '{print $7}')
restore_new=$(echo "$restore" | awk '{print $12}')

old_ns=$(zone_ns_names old | sorted_words)
old_addresses=$(addresses_of $old_ns | sort | tr '\n' ' ')
tld_before=$(tld_delegation_at $R53_TLD1)
old_ttl_before=$(apex_ns_at $old_addresses | awk '{print $1}' | sort -u | tr '\n' ' ' | sed 's/ $//')
echo "before: TLD delegates example.test to $tld_before; old zone $old_ns on $old_addresses, apex NS TTL $old_ttl_before"
[ "$tld_before" = "$old_ns" ] || { echo "FAIL: the TLD does not delegate to the old zone before the apply"; fail=1; }
[ "$old_ttl_before" = "$restore_old" ] ||
  { echo "FAIL: the old zone's NS TTL is $old_ttl_before before the apply, the plan would restore $restore_old"; fail=1; }

start_witness "$dir/witness.txt"
sleep 1
rc=0
"$CUTOVER" apply "$plan" --yes --until switch.registrar --poll-interval 0.5 --check-timeout 120 | tee "$dir/apply.txt" || rc=$?
[ $rc -eq 0 ] || { echo "FAIL: cutover apply --until switch.registrar exited $rc"; fail=1; }

# The switch is in effect: every TLD server delegates to the new zone.
new_ns=$(zone_ns_names new | sorted_words)
for server in $R53_TLD1 $R53_TLD2; do
  got=$(tld_delegation_at $server)
  echo "after the switch: TLD $server delegates example.test to $got (new zone: $new_ns)"
  [ -n "$new_ns" ] && [ "$got" = "$new_ns" ] || { echo "FAIL: TLD $server does not delegate to the new zone"; fail=1; }
done

# Roll back at once (the switch's undo is safe for 12 s); what the apply
# logged so far is the forward phase, what follows the rollback.
forward_lines=$(grep -c '' "$requests")
rollback_rc=0
# First the dry run (as JSON lines): it names the undo of the switch and changes nothing.
"$CUTOVER" rollback "$plan" --dry-run --format json > "$dir/rollback-dry-run.jsonl" || true
dry_switch=$(jq -r 'select(.event == "step" and .step == "switch.registrar") | .verdict + " " + .explanation' "$dir/rollback-dry-run.jsonl")
dry_end=$(jq -r 'select(.event == "rollback-ended") | "\(.status) dry_run=\(.dry_run)"' "$dir/rollback-dry-run.jsonl")
echo "dry run: switch.registrar: ${dry_switch:0:120}...; ended: $dry_end"
[[ "$dry_switch" == "would-undo "*UpdateDomainNameservers* ]] && [ "$dry_end" = "stopped dry_run=true" ] ||
  { echo "FAIL: the dry run does not say it would switch the delegation back"; cat "$dir/rollback-dry-run.jsonl"; fail=1; }
dry_mutations=$(tail -n +"$((forward_lines + 1))" "$requests" | grep -c '"mutating": true' || true)
[ "$dry_mutations" -eq 0 ] || { echo "FAIL: the dry run made $dry_mutations mutating calls"; fail=1; }
forward_lines=$(grep -c '' "$requests")
"$CUTOVER" rollback "$plan" --yes | tee "$dir/rollback.txt" || rollback_rc=$?

# The new zone keeps delegating dev until resolvers have left it: the undo
# of its dev delegation starts no earlier than the switch back's parent NS
# TTL (10 s) + margin (2 s) after the switch back (cutover rollback waits,
# printing "... waits"). Undone at once, a resolver that cached the TLD's
# delegation to the new zone would get NXDOMAIN for names under dev.
journal_at() {  # journal_at STEP EVENT -> unix seconds of the first such record
  grep "\"event\":\"$2\"" "$plan.journal" | grep "\"step\":\"$1\"" | head -n 1 | sed -E 's/.*"at":([0-9]+).*/\1/'
}
switched_back=$(journal_at switch.registrar rolled-back)
child_undo=$(journal_at subdelegation.dev.delegate.new undo-started)
echo "switch back recorded at $switched_back, the new zone's dev delegation undone from $child_undo"
if [ -z "$switched_back" ] || [ -z "$child_undo" ] || [ $((child_undo - switched_back)) -lt 12 ]; then
  echo "FAIL: the new zone's dev delegation was undone before the switch back settled"; fail=1
fi
grep -q '^\.\.\. subdelegation.dev.delegate.new waits' "$dir/rollback.txt" ||
  { echo "FAIL: cutover rollback did not say it waits"; fail=1; }

# The expected verdicts, last step first; the rollback stops at zone.new.create.
expected="switch.registrar undone
switch.verify-ready nothing-to-do
subdelegation.dev.verify-parents nothing-to-do
subdelegation.dev.delegate.new undone
subdelegation.dev.delegate.old undone
db.db.example.test.pin-old undone
switch.lower-ns-ttl undone
subdelegation.dev.verify-child nothing-to-do
switch.copy-records undone
subdelegation.dev.copy nothing-to-do
zone.new.create too-late"
verdicts=$(grep -v '^\.\.\. ' "$dir/rollback.txt" | awk -F': ' '{print $1 " " $2}')
if [ "$verdicts" != "$expected" ]; then
  echo "FAIL: rollback verdicts differ from the expected ones:"; diff <(echo "$expected") <(echo "$verdicts") || true; fail=1
fi
[ $rollback_rc -eq 1 ] || { echo "FAIL: rollback exited $rollback_rc, expected 1 (zone.new.create refused as too late)"; fail=1; }
grep -q '^zone.new.create: too-late: not deleted: a parent delegated to this zone' "$dir/rollback.txt" ||
  { echo "FAIL: zone.new.create was not refused for the delegation that reached it"; fail=1; }
# One undo per zone for the NS TTLs, both journaled done.
for i in 0 1; do
  grep -q "\"action\":$i,.*\"event\":\"undo-done\",\"step\":\"switch.lower-ns-ttl\"" "$plan.journal" ||
    { echo "FAIL: the journal has no undo-done $i for switch.lower-ns-ttl"; fail=1; }
done

# The TLD delegates to the old zone again (the registrar's change reaches the TLD within a few seconds).
for server in $R53_TLD1 $R53_TLD2; do
  got=""
  for _ in $(seq 1 40); do
    got=$(tld_delegation_at $server)
    [ "$got" = "$old_ns" ] && break
    sleep 0.5
  done
  echo "after the rollback: TLD $server delegates example.test to $got (old zone: $old_ns)"
  [ "$got" = "$old_ns" ] || { echo "FAIL: TLD $server does not delegate to the old zone again"; fail=1; }
done
# The apex NS TTLs, on every server of each zone.
while read -r ttl names; do
  echo "old zone server: apex NS TTL $ttl ($names)"
  [ "$ttl" = "$restore_old" ] || { echo "FAIL: the old zone's apex NS TTL is $ttl, was $restore_old"; fail=1; }
done < <(apex_ns_at $old_addresses)
new_addresses=$(addresses_of $new_ns | sort | tr '\n' ' ')
[ -n "$new_addresses" ] || { echo "FAIL: the new zone (which the rollback keeps) has no servers at the TLD"; fail=1; }
while read -r ttl names; do
  echo "new zone server: apex NS TTL $ttl ($names)"
  [ "$ttl" = "$restore_new" ] || { echo "FAIL: the new zone's apex NS TTL is $ttl, the undo sets $restore_new"; fail=1; }
done < <(apex_ns_at $new_addresses)
for a in $old_addresses; do
  got=$(kdig +timeout=1 +retry=2 +norecurse @"$a" db.example.test CNAME 2>/dev/null | awk '!/^;/ && $4 == "CNAME" {print $5}')
  echo "old zone server $a: db.example.test CNAME $got"
  [ "$got" = "prod.cluster-old.db.test." ] || { echo "FAIL: $a answers db.example.test CNAME '$got'"; fail=1; }
done
got=$(kdig +timeout=1 +retry=2 @$witness_resolver db.example.test CNAME 2>/dev/null | awk '!/^;/ && $4 == "CNAME" {print $5}')
echo "resolver: db.example.test CNAME $got"
[ "$got" = "prod.cluster-old.db.test." ] || { echo "FAIL: the resolver answers db.example.test CNAME '$got'"; fail=1; }

# Let every cached answer of the new zone expire while the client keeps asking.
sleep 12
witness_rc=0
stop_witness "$dir/witness.txt" || witness_rc=$?
[ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
queries=$(grep -oE '[0-9]+ queries' "$dir/witness.txt" | awk '{print $1}' || true)
wrong=$(grep -oE '[0-9]+ failed or wrong' "$dir/witness.txt" | awk '{print $1}' || true)

# The request log. "Took effect": reached moto, or answered 2xx by the proxy's
# own operations. The key of a ChangeResourceRecordSets is a hash of its
# body, so an undo whose change batch is byte-identical to a forward call
# repeats that call's key legitimately: here the NS TTL undo writes the same
# NS set with the same TTL (10 s; the lab's NS TTL is already below the 30 s
# target, so "lowering" wrote 10 s and undoing writes 10 s again) and the same
# comment into each zone. So: no key twice within the rollback, and a key the
# rollback shares with the apply only for a ChangeResourceRecordSets, at most
# once in each phase, and for the NS TTL undo only (one per zone: 2 at most).
calls=$(python3 - "$requests" "$forward_lines" <<'EOF'
import collections, json, sys
log = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
split = int(sys.argv[2])
effective = lambda es: [e for e in es if e["mutating"] and (e["forwarded"] or 200 <= e["status"] < 300)]
forward, rollback = effective(log[:split]), effective(log[split:])
fk = collections.Counter(e["idempotency_key"] for e in forward)
rk = collections.Counter(e["idempotency_key"] for e in rollback)
problems = []
if any(n > 1 for n in fk.values()):
    problems.append(f"the apply repeated {[k for k, n in fk.items() if n > 1]}")
if any(n > 1 for n in rk.values()):
    problems.append(f"the rollback repeated {[k for k, n in rk.items() if n > 1]}")
shared = [e for e in rollback if e["idempotency_key"] in fk]
if any(e["operation"] != "ChangeResourceRecordSets" for e in shared) or len(shared) > 2:
    problems.append("the rollback repeated forward calls: " + ", ".join(f"{e['operation']} {e['path']}" for e in shared))
ops = collections.Counter(e["operation"] for e in rollback)
zones = sorted({e["path"].split("/")[3] for e in rollback if e["operation"] == "ChangeResourceRecordSets"})
bad_sig = [e for e in log if not e["signature_valid"]]
if bad_sig:
    problems.append(f"{len(bad_sig)} requests without a valid signature")
print(f"{len(forward)} {len(rollback)} {len(shared)}", file=sys.stdout)
print(f"request log: apply {len(forward)} mutating calls took effect, rollback {len(rollback)} "
      f"({', '.join(f'{o} {n}' for o, n in sorted(ops.items()))}; zones changed: {' '.join(zones)}), "
      f"{len(shared)} identical to an earlier forward call (the NS TTL undo), none twice within a phase", file=sys.stderr)
for p in problems:
    print("FAIL: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
) || fail=1
read -r forward_calls rollback_calls shared_calls <<< "${calls:-0 0 0}"
[ "$rollback_calls" -eq 8 ] || { echo "FAIL: the rollback made $rollback_calls mutating calls, expected 8"; fail=1; }

# The health checks: what the plan made in account new is gone, the old account's check stays.
checks=$(python3 - "$dir" <<'EOF'
import json, os, sys, botocore.session
env = json.load(open(os.path.join(sys.argv[1], "aws", "env.json")))
def references(account):
    keys = env["keys"][account]
    c = botocore.session.get_session().create_client("route53", region_name="us-east-1", endpoint_url=env["AWS_LAB_URL"],
        aws_access_key_id=keys["access_key_id"], aws_secret_access_key=keys["secret_access_key"])
    return [h["CallerReference"] for h in c.list_health_checks()["HealthChecks"]]
print(len([r for r in references("new") if r.startswith("cutover-hc-")]), len(references("old")))
EOF
) || fail=1
read -r new_checks old_checks <<< "${checks:-? ?}"
echo "health checks after the rollback: $new_checks made by the plan in account new, $old_checks in account old"
[ "$new_checks" = 0 ] || { echo "FAIL: the rollback left $new_checks health checks the plan made in account new"; fail=1; }
[ "$old_checks" = 1 ] || { echo "FAIL: account old holds $old_checks health checks, expected its 1"; fail=1; }
grep -q '^switch.copy-records: undone: .*1 health check deleted' "$dir/rollback.txt" ||
  { echo "FAIL: the rollback of switch.copy-records does not say it deleted 1 health check"; fail=1; }

[ $fail -eq 0 ] && echo "PASS: rolled back after the switch: $queries queries, ${wrong:-?} failed or wrong;" \
  "$forward_calls mutating calls forward, $rollback_calls in the rollback ($shared_calls identical to a forward call), none twice"
exit $fail
