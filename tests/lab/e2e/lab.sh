#!/usr/bin/env bash
# The cutover lab: real Knot and Unbound servers on loopback (127.56.0.0/16,
# port 53) holding example.test at an "old" provider, an empty "new" provider,
# an empty child zone dev.example.test, a TLD test. that delegates
# example.test to the old servers, and a root. Every zone takes RFC 2136
# updates signed with the lab's TSIG key; each provider has a primary and a
# secondary (NOTIFY + IXFR), so "in sync on every server" means something.
#
#   tests/lab/e2e/lab.sh start DIR   # writes configs, zones, DIR/plan.json, starts servers
#   tests/lab/e2e/lab.sh stop DIR    # stops exactly the PIDs it started
#
# Needs root, or a private network namespace:
#   unshare --user --map-root-user --net sh -c 'ip link set lo up; tests/lab/e2e/lab.sh start /tmp/lab'
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"  # knotd and unbound live in /usr/sbin

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

# shellcheck source=../common/topology.sh
source "$repo/tests/lab/common/topology.sh"
ROOT=$E2E_ROOT
TLD1=$E2E_TLD1; TLD2=$E2E_TLD2
OLD1=$E2E_OLD1; OLD2=$E2E_OLD2
NEW1=$E2E_NEW1; NEW2=$E2E_NEW2
DEV1=$E2E_DEV1
RESOLVER=$E2E_RESOLVER
ALL="$ROOT $TLD1 $TLD2 $OLD1 $OLD2 $NEW1 $NEW2 $DEV1 $RESOLVER"

stop() {
  [ -f "$dir/pids" ] || return 0
  while read -r name pid; do
    # Only our own servers: the PID must still be the program we started.
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q "$dir" "/proc/$pid/cmdline" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
    fi
  done < "$dir/pids"
  for _ in $(seq 50); do
    alive=0
    while read -r name pid; do if kill -0 "$pid" 2>/dev/null; then alive=1; fi; done < "$dir/pids"
    [ $alive = 0 ] && break
    sleep 0.1
  done
  # Whatever did not stop in 5 s is killed, so the next lab finds port 53 free.
  while read -r name pid; do
    if kill -0 "$pid" 2>/dev/null && grep -q "$dir" "/proc/$pid/cmdline" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  done < "$dir/pids"
  rm -f "$dir/pids"
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

for bin in knotd unbound; do
  command -v "$bin" >/dev/null || { echo "lab: $bin is not installed (run .ci/install-deps.sh)" >&2; exit 1; }
done
# Refuse rather than collide: nothing may listen on port 53 of our addresses or the wildcard.
busy=$(ss -Hlnu 'sport = :53' 2>/dev/null | awk '{print $4}' | grep -E "^(0\.0\.0\.0|\*|\[::\]|127\.56\.)" || true)
if [ -n "$busy" ]; then echo "lab: port 53 already in use: $busy" >&2; exit 1; fi
# Loopback in a fresh network namespace starts down.
ip link set lo up 2>/dev/null || true

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
rm -f "$dir/pids"
secret=$(head -c 32 /dev/urandom | base64)
umask 077
cat > "$dir/tsig.key" <<KEY
key "cutover-lab" {
	algorithm hmac-sha256;
	secret "$secret";
};
KEY
umask 022

soa() { echo "@ 10 SOA ns1.$1 hostmaster.example.test. 1 3600 600 86400 5"; }

write_zone() {  # write_zone FILE ORIGIN BODY
  printf '$ORIGIN %s\n$TTL 5\n%s\n' "$2" "$3" > "$1"
}

# Zones. NS TTLs of 10 s and record TTLs of 5 s make cache expiry observable in seconds.
mkdir -p "$dir/zones"
write_zone "$dir/zones/root.zone" "." "$(soa nic.test.)
. 10 NS a.root.test.
a.root.test. 10 A $ROOT
test. 10 NS ns1.nic.test.
test. 10 NS ns2.nic.test.
ns1.nic.test. 10 A $TLD1
ns2.nic.test. 10 A $TLD2"
write_zone "$dir/zones/test.zone" "test." "$(soa nic.test.)
@ 10 NS ns1.nic.test.
@ 10 NS ns2.nic.test.
ns1.nic 10 A $TLD1
ns2.nic 10 A $TLD2
ns1.old 10 A $OLD1
ns2.old 10 A $OLD2
ns1.new 10 A $NEW1
ns2.new 10 A $NEW2
ns1.dev 10 A $DEV1
example 10 NS ns1.old.test.
example 10 NS ns2.old.test."
write_zone "$dir/zones/old.zone" "example.test." "$(soa old.test.)
@ 10 NS ns1.old.test.
@ 10 NS ns2.old.test.
@ 5 A 192.0.2.1
@ 5 MX 10 mail.example.test.
www 5 A 192.0.2.10
api 5 A 192.0.2.11
mail 5 A 192.0.2.12
db 5 CNAME prod.cluster-old.db.test.
app.dev 5 A 192.0.2.20
api.dev 5 A 192.0.2.21"
write_zone "$dir/zones/new.zone" "example.test." "$(soa new.test.)
@ 10 NS ns1.new.test.
@ 10 NS ns2.new.test."
write_zone "$dir/zones/dev.zone" "dev.example.test." "$(soa dev.test.)
@ 10 NS ns1.dev.test."

# One knotd per server (configs written by tests/lab/common/lab_servers.py, as
# for the Route 53 lab). A primary takes signed UPDATEs and notifies its
# secondary, which transfers (IXFR) from it.
servers="$repo/tests/lab/common/lab_servers.py"
knot_conf() {  # knot_conf NAME LISTEN ZONE FILE [primary:SECONDARY | secondary:PRIMARY | static]
  local name=$1 listen=$2 zone=$3 file=$4 role=$5
  local d="$dir/$name"
  rm -rf "$d"  # a fresh start: no journal or timers from an earlier run
  mkdir -p "$d/db" "$d/zones" "$d/run"
  cp "$dir/zones/$file" "$d/zones/$file"
  LAB_TSIG_SECRET=$secret python3 "$servers" knot --dir "$d" --listen "$listen" --zone "$zone" --file "$file" \
    --storage "$d/zones" --journal-content changes --role "$role" > "$d/knot.conf"
}

knot_conf root "$ROOT" . root.zone static
knot_conf tld1 "$TLD1" test. test.zone "primary:$TLD2"
knot_conf tld2 "$TLD2" test. test.zone "secondary:$TLD1"
knot_conf old1 "$OLD1" example.test. old.zone "primary:$OLD2"
knot_conf old2 "$OLD2" example.test. old.zone "secondary:$OLD1"
knot_conf new1 "$NEW1" example.test. new.zone "primary:$NEW2"
knot_conf new2 "$NEW2" example.test. new.zone "secondary:$NEW1"
knot_conf dev1 "$DEV1" dev.example.test. dev.zone static

python3 "$servers" root-hints --root "$ROOT" > "$dir/root.hints"
mkdir -p "$dir/unbound"
python3 "$servers" unbound --dir "$dir" --interface "$RESOLVER" > "$dir/unbound/unbound.conf"

start_server() {  # start_server NAME ARGV...
  local name=$1; shift
  "$@" >> "$dir/$name.out" 2>&1 &
  echo "$name $!" >> "$dir/pids"
}
for name in root tld1 tld2 old1 old2 new1 new2 dev1; do
  start_server "$name" knotd -c "$dir/$name/knot.conf"
done
start_server unbound unbound -d -c "$dir/unbound/unbound.conf"

# Ready when every server answers; give up (and clean up) after 10 s.
ready() {
  kdig +timeout=1 +retry=0 @"$1" "$2" SOA +norecurse 2>/dev/null | grep -q "status: NOERROR"
}
for _ in $(seq 100); do
  ok=1
  for pair in "$ROOT ." "$TLD1 test." "$TLD2 test." "$OLD1 example.test." "$OLD2 example.test." \
              "$NEW1 example.test." "$NEW2 example.test." "$DEV1 dev.example.test."; do
    ready $pair || { ok=0; break; }
  done
  if [ $ok = 1 ] && kdig +timeout=1 +retry=0 @"$RESOLVER" www.example.test A 2>/dev/null | grep -q "192.0.2.10"; then break; fi
  ok=0
  sleep 0.1
done
if [ $ok != 1 ]; then
  echo "lab: servers did not come up; logs in $dir" >&2
  stop
  exit 1
fi

# The plan for this lab: the embedded default, with the key file of this run.
sed "s#\"lab/tsig.key\"#\"$dir/tsig.key\"#g" "$repo/plans/lab-example-test.json" > "$dir/plan.json"
echo "lab: up in $dir (resolver $RESOLVER, parent $TLD1 $TLD2, plan $dir/plan.json)"
