#!/bin/sh
# cli_zone_lab.sh CUTOVER: `cutover aws whoami` and `cutover zone import/export`
# against the AWS lab, run the way README shows them: only AWS_ENDPOINT_URL
# and (dummy, lab-known) keys in an otherwise empty environment.
set -eu
cutover=$1
. "$AWS_LAB_DIR/env"
python3 -c "import urllib.request,sys; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + '/_lab/reset', method='POST'))" "$AWS_LAB_URL"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
  env -i PATH="$PATH" HOME="$work" AWS_ENDPOINT_URL="$AWS_ENDPOINT_URL" \
    AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" "$@"
}
fail() { echo "FAIL: $*"; exit 1; }

run "$cutover" aws whoami > "$work/whoami" || fail "whoami exited $?"
grep -q "Account: *111111111111" "$work/whoami" || fail "whoami: $(cat "$work/whoami")"

# A role profile from the lab's config file: AssumeRole into the second account.
env -i PATH="$PATH" HOME="$work" AWS_CONFIG_FILE="$AWS_CONFIG_FILE" AWS_SHARED_CREDENTIALS_FILE="$AWS_SHARED_CREDENTIALS_FILE" \
  "$cutover" aws whoami --profile new-role --json > "$work/role" || fail "whoami --profile new-role: $(cat "$work/role")"
grep -q '"account": "222222222222"' "$work/role" || fail "role whoami: $(cat "$work/role")"
code=0; run "$cutover" aws whoami --profile no-such-profile > "$work/noprofile" 2>&1 || code=$?
[ "$code" -eq 2 ] || fail "unknown profile exit $code: $(cat "$work/noprofile")"

zone=$(run env AWS_DEFAULT_REGION=us-east-1 aws route53 create-hosted-zone --name cli-lab.example --caller-reference cli-lab-1 \
         --query HostedZone.Id --output text) || fail "aws CLI create-hosted-zone"
cat > "$work/in.zone" <<'ZONE'
$ORIGIN cli-lab.example.
$TTL 300
@    IN SOA ns1.cli-lab.example. admin.cli-lab.example. 1 7200 3600 1209600 300
@    IN NS  ns1.cli-lab.example.
www  IN A   192.0.2.1
www  IN A   192.0.2.2
*.w  IN CNAME www
txt  IN TXT "v=spf1 -all" "two"
mx 600 IN MX 10 mail.cli-lab.example.
ZONE

run "$cutover" zone import --zone-id "$zone" --file "$work/in.zone" --dry-run > "$work/dry" 2>&1 || fail "dry run: $(cat "$work/dry")"
grep -q "CREATE www.cli-lab.example. 300 A 192.0.2.1 192.0.2.2" "$work/dry" || fail "dry run: $(cat "$work/dry")"
run "$cutover" zone export --zone-id "$zone" > "$work/before" || fail "export"
grep -q "192.0.2.1" "$work/before" && fail "dry run changed the zone"

run "$cutover" zone import --zone-id "$zone" --file "$work/in.zone" > "$work/import" 2>&1 || fail "import: $(cat "$work/import")"
grep -q "INSYNC" "$work/import" || fail "import progress: $(cat "$work/import")"
run "$cutover" zone import --zone-id "$zone" --file "$work/in.zone" > "$work/again" 2>&1 || fail "re-import"
grep -q "0 record sets to create, 0 to upsert, 4 already as in the file" "$work/again" || fail "re-import: $(cat "$work/again")"

run "$cutover" zone export --zone-id "$zone" > "$work/out.zone" || fail "export"
for line in "www.cli-lab.example.	300	IN	A	192.0.2.2" "\*.w.cli-lab.example.	300	IN	CNAME	www.cli-lab.example." \
            "txt.cli-lab.example.	300	IN	TXT	\"v=spf1 -all\" \"two\"" "mx.cli-lab.example.	600	IN	MX	10 mail.cli-lab.example."; do
  grep -q "^$line\$" "$work/out.zone" || fail "export lacks '$line': $(cat "$work/out.zone")"
done
run "$cutover" zone export --zone-id "$zone" --format json | python3 -c "
import json, sys
doc = json.load(sys.stdin)
names = {(r['name'], r['type']) for r in doc['records']}
assert ('www.cli-lab.example.', 'A') in names, names
" || fail "json export"

sed 's/cli-lab.example./other.example./' "$work/in.zone" > "$work/other.zone"
code=0; run "$cutover" zone import --zone-id "$zone" --file "$work/other.zone" > "$work/other" 2>&1 || code=$?
[ "$code" -eq 2 ] || fail "import of another zone's file exit $code: $(cat "$work/other")"
grep -q "outside cli-lab.example." "$work/other" || fail "other zone: $(cat "$work/other")"

code=0; run "$cutover" zone export --zone-id NOSUCHZONE > "$work/missing" 2>&1 || code=$?
[ "$code" -eq 5 ] || fail "missing zone exit $code"
grep -q "NoSuchHostedZone" "$work/missing" || fail "missing zone: $(cat "$work/missing")"
echo "cli zone lab: ok"
