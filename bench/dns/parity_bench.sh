#!/bin/sh
# parity_bench.sh: `cutover check parity` against dnsperf, same server, same run,
# at two zone sizes, so that the memory cost of each added name shows.
#
# For each size N in SIZES (default 100,000 and 400,000 names): serves a
# generated zone of N names from ONE authoritative server (knotd, one UDP
# worker) listening on 8 loopback addresses 127.54.0.1-8, then
#   1. dnsperf sends the N names 8 times (8N queries) to 127.54.0.1;
#   2. cutover check parity asks the same N names of 8 addresses
#      (4 "old", 4 "new": 8N queries) and compares the answers.
# Server pinned to CPU 0, clients to CPU 1 (LAB-NOTES: unpinned runs swing 2x).
# Prints per size both query rates, their ratio, wall time, peak memory (RSS)
# of both clients and CPU per query; then the bytes of peak RSS each added
# name costs between the smallest and the largest size.
#
# Usage: bench/dns/parity_bench.sh [path/to/cutover]      (as root, or inside
#        unshare --user --map-root-user --net sh -c 'ip link set lo up; bench/dns/parity_bench.sh ...')
# Env:   SIZES ("100000 400000"), SERVER_CPU (0), CLIENT_CPU (1), IN_FLIGHT (per server, default 32), NICE
set -eu

CUTOVER=${1:-build/planner/cli/cutover}
SIZES=${SIZES:-${NAMES:-100000 400000}}
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
stop_knot() {
  if [ -n "$KNOT_PID" ]; then kill "$KNOT_PID" 2>/dev/null || true; wait "$KNOT_PID" 2>/dev/null || true; fi
  KNOT_PID=""
}
cleanup() {
  stop_knot
  rm -rf "$DIR"
}
trap cleanup EXIT INT TERM

# CPU ticks (user+system) knotd has used so far: the server's cost of each phase.
knot_ticks() { awk '{ print $14 + $15 }' "/proc/$KNOT_PID/stat"; }
cpu_of() { awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
HZ=$(getconf CLK_TCK)
: > "$DIR/results"

# One size: zone, knotd, dnsperf, cutover; appends "N dnsperf_qps dnsperf_rss parity_qps parity_rss status" to results.
run_size() {
  n=$1
  # The zone, the dnsperf data file and the cutover names file, from one list.
  awk -v n="$n" 'BEGIN {
    print "$ORIGIN bench.test.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 60 60 3600 5\n@ IN NS ns1\nns1 IN A 127.54.0.1"
    for (i = 0; i < n; i++) printf "name%d IN A 10.%d.%d.%d\n", i, int(i / 65536) % 256, int(i / 256) % 256, i % 256
  }' > "$DIR/bench.test.zone"
  awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "name%d.bench.test A\n", i }' > "$DIR/queries"
  awk '{ print $1 }' "$DIR/queries" > "$DIR/names"

  rm -rf "$DIR/db"
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
  last=$((n - 1))
  tries=0
  until [ "$(for a in $ADDRS; do dig +short +time=1 +tries=1 @"$a" "name$last.bench.test" A; done | grep -c '^10\.')" -eq 8 ]; do
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || { echo "parity_bench: knotd did not come up" >&2; cat "$DIR/knot.log" >&2; exit 1; }
    sleep 0.1
  done

  T0=$(knot_ticks)
  echo "== $n names: dnsperf, $n x 8 = $((n * 8)) queries to 127.54.0.1 (CPU $CLIENT_CPU; server CPU $SERVER_CPU)"
  $NICE taskset -c "$CLIENT_CPU" /usr/bin/time -v dnsperf -s 127.54.0.1 -d "$DIR/queries" -n 8 -q 200 -t 2 \
    > "$DIR/dnsperf.out" 2> "$DIR/dnsperf.time"
  grep -E 'Queries sent|Queries completed|Queries lost|Queries per second|Run time' "$DIR/dnsperf.out"
  DNSPERF_QPS=$(awk '/Queries per second/ { print $4 }' "$DIR/dnsperf.out")
  T1=$(knot_ticks)

  echo "== $n names: cutover check parity, $n names x 8 servers (4 old, 4 new) = $((n * 8)) queries"
  set +e
  $NICE taskset -c "$CLIENT_CPU" /usr/bin/time -v "$CUTOVER" check parity \
    --old 127.54.0.1 127.54.0.2 127.54.0.3 127.54.0.4 --new 127.54.0.5 127.54.0.6 127.54.0.7 127.54.0.8 \
    --names "$DIR/names" --max-in-flight "$IN_FLIGHT" > "$DIR/parity.out" 2> "$DIR/time.out"
  STATUS=$?
  set -e
  T2=$(knot_ticks)
  stop_knot
  head -n 1 "$DIR/parity.out"
  tail -n 1 "$DIR/parity.out"
  echo "cutover exit code: $STATUS"
  PARITY_QPS=$(sed -n 's/.* s, \([0-9]*\) queries\/s sent.*/\1/p' "$DIR/parity.out")
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$DIR/time.out")
  RSS=$(rss_of "$DIR/time.out")
  DNSPERF_RSS=$(rss_of "$DIR/dnsperf.time")
  PARITY_CPU=$(cpu_of "$DIR/time.out")
  DNSPERF_CPU=$(cpu_of "$DIR/dnsperf.time")
  echo "dnsperf:  ${DNSPERF_QPS:-?} queries/s, peak RSS $DNSPERF_RSS kB, CPU $DNSPERF_CPU s"
  echo "cutover:  ${PARITY_QPS:-?} queries/s, peak RSS $RSS kB, CPU $PARITY_CPU s, wall $WALL"
  awk -v a="${PARITY_QPS:-0}" -v b="${DNSPERF_QPS:-0}" 'BEGIN { if (b > 0) printf "ratio parity/dnsperf: %.2f\n", a / b }'
  awk -v a="$DNSPERF_CPU" -v b="$PARITY_CPU" -v q="$((n * 8))" 'BEGIN {
    if (a > 0 && b > 0) printf "queries per CPU second: dnsperf %.0f, cutover %.0f, ratio %.2f\n", q / a, q / b, a / b }'
  awk -v a="$((T1 - T0))" -v b="$((T2 - T1))" -v hz="$HZ" 'BEGIN {
    printf "server (knotd) CPU: %.2f s during dnsperf, %.2f s during cutover\n", a / hz, b / hz }'
  echo "$n ${DNSPERF_QPS:-0} $DNSPERF_RSS ${PARITY_QPS:-0} $RSS $STATUS" >> "$DIR/results"
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for size in $SIZES; do run_size "$size"; done

echo "== summary (peak RSS in kB; rates in queries/s)"
awk '{
  printf "%8d names: dnsperf %8.0f q/s %7d kB | cutover %8.0f q/s %7d kB exit %d | ratio %.2f\n", $1, $2, $3, $4, $5, $6, ($2 > 0 ? $4 / $2 : 0)
  if (NR == 1 || $1 < n0) { n0 = $1; p0 = $5; d0 = $3 }
  if (NR == 1 || $1 > n1) { n1 = $1; p1 = $5; d1 = $3 }
} END {
  if (n1 > n0) printf "peak RSS per added name (%d -> %d): cutover %.0f bytes, dnsperf %.0f bytes\n", n0, n1, (p1 - p0) * 1024 / (n1 - n0), (d1 - d0) * 1024 / (n1 - n0)
}' "$DIR/results"
echo "load average at the end:   $(cut -d' ' -f1-3 /proc/loadavg)"
