#!/bin/sh
# route53_import_bench.sh: `cutover zone import` of a 10,000-record zone into
# Route 53 (moto behind the lab proxy, tests/lab/aws_emulator), requests
# filled to the quota with one INSYNC wait, against the same import cut at
# 100 changes per request, in the same run.
#
# The proxy holds every change PENDING for PENDING seconds (real Route 53:
# tens of seconds), so the wall time is mostly INSYNC waiting, as it is on AWS.
# Three runs, each into a new, empty hosted zone:
#   filled     requests filled to 1,000 records / 32,000 characters, one wait (the default)
#   100/one    100 changes per request, one wait
#   100/each   100 changes per request, a wait after each (cli53's way; cutover before this change)
# Prints, for each: ChangeResourceRecordSets requests, GetChange calls, INSYNC
# waits (runs of GetChange between submissions, from the proxy's log), wall
# time; then the ratios of the 100-change runs to the filled one.
#
# Usage: bench/aws/route53_import_bench.sh [path/to/cutover]      (inside
#        unshare --user --map-root-user --net sh -c 'ip link set lo up; bench/aws/route53_import_bench.sh ...')
# Env:   RECORDS (default 10000), PENDING (seconds, default 2)
set -eu

CUTOVER=${1:-build/planner/cli/cutover}
RECORDS=${RECORDS:-10000}
PENDING=${PENDING:-2}
HERE=$(cd "$(dirname "$0")" && pwd)
LAB=$HERE/../../tests/lab/aws_emulator/aws_lab.py

[ -x "$CUTOVER" ] || { echo "route53_import_bench: no cutover binary at $CUTOVER" >&2; exit 2; }
python3 -c "import moto.server, botocore" 2>/dev/null || { echo "route53_import_bench: python3 lacks moto or botocore" >&2; exit 2; }

DIR=$(mktemp -d /tmp/cutover-r53-bench.XXXXXX)
cleanup() {
  python3 "$LAB" stop --dir "$DIR/lab" > /dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT INT TERM
mkdir -p "$DIR/lab"
python3 "$LAB" start --dir "$DIR/lab" > /dev/null
set -a
. "$DIR/lab/env"
set +a

# lab CALL METHOD [JSON]: the lab's control API.
lab() {
  python3 - "$AWS_LAB_URL$1" "$2" "${3:-}" <<'PY'
import sys, urllib.request
url, method, body = sys.argv[1], sys.argv[2], sys.argv[3]
req = urllib.request.Request(url, method=method, data=body.encode() if body else None, headers={"Content-Type": "application/json"})
sys.stdout.write(urllib.request.urlopen(req).read().decode())
PY
}
lab /_lab/config POST "{\"change_pending_seconds\": $PENDING}" > /dev/null

awk -v n="$RECORDS" 'BEGIN {
  print "$ORIGIN bench.test.\n$TTL 300"
  for (i = 0; i < n; i++) printf "name%d IN A 10.%d.%d.%d\n", i, int(i / 65536) % 256, int(i / 256) % 256, i % 256
}' > "$DIR/bench.test.zone"

# run LABEL [OPTIONS...]: a new zone, the import, and its figures in $DIR/LABEL.
run() {
  label=$1
  shift
  zone=$(python3 - "$label" <<'PY'
import sys, botocore.session
r53 = botocore.session.get_session().create_client("route53")
print(r53.create_hosted_zone(Name="bench.test", CallerReference="bench-" + sys.argv[1])["HostedZone"]["Id"])
PY
)
  lab /_lab/log DELETE > /dev/null
  start=$(date +%s.%N)
  "$CUTOVER" zone import --zone-id "$zone" --file "$DIR/bench.test.zone" "$@" > "$DIR/$label.out" 2>&1 ||
    { echo "route53_import_bench: import ($label) failed:" >&2; tail -n 5 "$DIR/$label.out" >&2; exit 1; }
  end=$(date +%s.%N)
  lab /_lab/log GET | python3 -c "
import json, sys
log = json.load(sys.stdin)
ops = ''.join({'ChangeResourceRecordSets': 'C', 'GetChange': 'G'}.get(e['operation'], '') for e in log)
refused = sum(1 for e in log if e['operation'] == 'ChangeResourceRecordSets' and e['status'] != 200)
waits = sum(1 for i, c in enumerate(ops) if c == 'G' and (i == 0 or ops[i - 1] != 'G'))
print(ops.count('C') - refused, ops.count('G'), waits, refused, '%.2f' % ($end - $start))
" > "$DIR/$label.figures"
  grep -q "imported $RECORDS record sets" "$DIR/$label.out" || { echo "route53_import_bench: $label: $(tail -n 1 "$DIR/$label.out")" >&2; exit 1; }
}

echo "== cutover zone import: $RECORDS new A records, each change PENDING for $PENDING s (moto behind the lab proxy)"
run filled
run 100-one --max-changes-per-request 100
run 100-each --max-changes-per-request 100 --wait-each-request

printf "%-10s %9s %10s %12s %8s %10s\n" run requests GetChange "INSYNC waits" refused "wall (s)"
for label in filled 100-one 100-each; do
  read -r requests polls waits refused wall < "$DIR/$label.figures"
  printf "%-10s %9s %10s %12s %8s %10s\n" "$label" "$requests" "$polls" "$waits" "$refused" "$wall"
done
read -r fr fp fw frefused fwall < "$DIR/filled.figures"
for label in 100-one 100-each; do
  read -r r p w refused wall < "$DIR/$label.figures"
  awk -v l="$label" -v r="$r" -v fr="$fr" -v w="$w" -v fw="$fw" -v t="$wall" -v ft="$fwall" 'BEGIN {
    printf "ratio %s/filled: requests %.1f, INSYNC waits %.1f, wall time %.2f\n", l, r / fr, w / fw, t / ft }'
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
