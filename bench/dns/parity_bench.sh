#!/bin/sh
# parity_bench.sh: `cutover check parity` against dnsperf, same server, same run.
#
# Serves a generated zone of 100,000 names from ONE authoritative server
# (knotd, one UDP worker) listening on 8 loopback addresses 127.54.0.1-8, then
#   1. dnsperf sends the 100,000 names 8 times (800,000 queries) to 127.54.0.1;
#   2. cutover check parity asks the same 100,000 names of 8 addresses
#      (4 "old", 4 "new": 800,000 queries) and compares the answers.
# Server pinned to CPU 0, clients to CPU 1 (LAB-NOTES: unpinned runs swing 2x).
# Prints both query rates, their ratio, wall time and peak memory of cutover.
#
# Usage: bench/dns/parity_bench.sh [path/to/cutover]      (as root, or inside
#        unshare --user --map-root-user --net sh -c 'ip link set lo up; bench/dns/parity_bench.sh ...')
# Env:   NAMES (default 100000), SERVER_CPU (0), CLIENT_CPU (1), IN_FLIGHT (per server, default 32), NICE
set -eu

CUTOVER=${1:-build/planner/cli/cutover}
NAMES=${NAMES:-100000}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
IN_FLIGHT=${IN_FLIGHT:-32}
# NICE="nice -n -10" gives server and both clients the same head start over
# other work on a shared machine (dnsperf runs two threads, cutover one: under
# heavy load the scheduler otherwise favours dnsperf twice over).
NICE=${NICE:-}
ADDRS="127.54.0.1 127.54.0.2 127.54.0.3 127.54.0.4 127.54.0.5 127.54.0.6 127.54.0.7 127.54.0.8"

for tool in knotd dnsperf taskset /usr/bin/time ss; do
  command -v "$tool" >/dev/null 2>&1 || { echo "parity_bench: $tool is missing" >&2; exit 2; }
done
[ -x "$CUTOVER" ] || { echo "parity_bench: no cutover binary at $CUTOVER" >&2; exit 2; }
if ss -Hlnu 'sport = :53' | grep -Eq '127\.54\.|0\.0\.0\.0:53|\*:53|\[::\]:53'; then
  echo "parity_bench: port 53 is already in use on the bench addresses or the wildcard; refusing" >&2
  exit 2
fi

DIR=$(mktemp -d /tmp/cutover-parity-bench.XXXXXX)
KNOT_PID=""
cleanup() {
  if [ -n "$KNOT_PID" ]; then kill "$KNOT_PID" 2>/dev/null || true; wait "$KNOT_PID" 2>/dev/null || true; fi
  rm -rf "$DIR"
}
trap cleanup EXIT INT TERM

# The zone, the dnsperf data file and the cutover names file, from one list.
awk -v n="$NAMES" 'BEGIN {
  print "$ORIGIN bench.test.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 60 60 3600 5\n@ IN NS ns1\nns1 IN A 127.54.0.1"
  for (i = 0; i < n; i++) printf "name%d IN A 10.%d.%d.%d\n", i, int(i / 65536) % 256, int(i / 256) % 256, i % 256
}' > "$DIR/bench.test.zone"
awk -v n="$NAMES" 'BEGIN { for (i = 0; i < n; i++) printf "name%d.bench.test A\n", i }' > "$DIR/queries"
awk '{ print $1 }' "$DIR/queries" > "$DIR/names"

mkdir -p "$DIR/db"
LISTEN=$(echo "$ADDRS" | sed 's/\([0-9.]*\)/\1@53/g; s/ /, /g')
cat > "$DIR/knot.conf" <<CONF
server:
    rundir: "$DIR"
    listen: [ $LISTEN ]
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
log:
  - target: stderr
    any: warning
database:
    storage: "$DIR/db"
template:
  - id: default
    storage: "$DIR"
    zonefile-sync: -1
    journal-content: none
    semantic-checks: off
zone:
  - domain: bench.test
    file: "$DIR/bench.test.zone"
CONF
$NICE taskset -c "$SERVER_CPU" knotd -c "$DIR/knot.conf" > "$DIR/knot.log" 2>&1 &
KNOT_PID=$!

# Wait (bounded) until every address serves the zone.
tries=0
until [ "$(for a in $ADDRS; do dig +short +time=1 +tries=1 @"$a" name0.bench.test A; done | grep -c '^10\.')" -eq 8 ]; do
  tries=$((tries + 1))
  [ "$tries" -lt 100 ] || { echo "parity_bench: knotd did not come up" >&2; cat "$DIR/knot.log" >&2; exit 1; }
  sleep 0.1
done

# CPU ticks (user+system) knotd has used so far: the server's cost of each phase.
knot_ticks() { awk '{ print $14 + $15 }' "/proc/$KNOT_PID/stat"; }
T0=$(knot_ticks)
echo "== dnsperf: $NAMES names x 8 = $((NAMES * 8)) queries to 127.54.0.1 (CPU $CLIENT_CPU; server CPU $SERVER_CPU)"
$NICE taskset -c "$CLIENT_CPU" /usr/bin/time -v dnsperf -s 127.54.0.1 -d "$DIR/queries" -n 8 -q 200 -t 2 \
  > "$DIR/dnsperf.out" 2> "$DIR/dnsperf.time"
grep -E 'Queries sent|Queries completed|Queries lost|Queries per second|Run time' "$DIR/dnsperf.out"
DNSPERF_QPS=$(awk '/Queries per second/ { print $4 }' "$DIR/dnsperf.out")
T1=$(knot_ticks)

echo "== cutover check parity: $NAMES names x 8 servers (4 old, 4 new) = $((NAMES * 8)) queries"
set +e
$NICE taskset -c "$CLIENT_CPU" /usr/bin/time -v "$CUTOVER" check parity \
  --old 127.54.0.1 127.54.0.2 127.54.0.3 127.54.0.4 --new 127.54.0.5 127.54.0.6 127.54.0.7 127.54.0.8 \
  --names "$DIR/names" --max-in-flight "$IN_FLIGHT" > "$DIR/parity.out" 2> "$DIR/time.out"
STATUS=$?
set -e
T2=$(knot_ticks)
head -n 1 "$DIR/parity.out"
tail -n 1 "$DIR/parity.out"
echo "cutover exit code: $STATUS"
PARITY_QPS=$(sed -n 's/.* s, \([0-9]*\) queries\/s sent.*/\1/p' "$DIR/parity.out")
WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$DIR/time.out")
RSS=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$DIR/time.out")
cpu_of() { awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$1"; }
PARITY_CPU=$(cpu_of "$DIR/time.out")
DNSPERF_CPU=$(cpu_of "$DIR/dnsperf.time")

echo "== summary"
echo "dnsperf queries/s:        $DNSPERF_QPS"
echo "cutover parity queries/s: $PARITY_QPS"
awk -v a="$PARITY_QPS" -v b="$DNSPERF_QPS" 'BEGIN { if (b > 0) printf "ratio parity/dnsperf:     %.2f\n", a / b }'
echo "cutover wall time:        $WALL"
echo "cutover peak memory:      $RSS kB"
echo "CPU seconds (user+sys):   dnsperf $DNSPERF_CPU, cutover $PARITY_CPU (same 800,000-query load when NAMES=100000)"
awk -v a="$DNSPERF_CPU" -v b="$PARITY_CPU" -v n="$((NAMES * 8))" 'BEGIN {
  if (a > 0 && b > 0) printf "queries per CPU second:   dnsperf %.0f, cutover %.0f, ratio %.2f\n", n / a, n / b, a / b }' 
HZ=$(getconf CLK_TCK)
awk -v a="$((T1 - T0))" -v b="$((T2 - T1))" -v hz="$HZ" 'BEGIN {
  printf "server (knotd) CPU:       %.2f s during dnsperf, %.2f s during cutover\n", a / hz, b / hz }'
echo "load average at the end:  $(cut -d' ' -f1-3 /proc/loadavg)"
