# Shared by the e2e scripts: the lab, the witness client, and checks.
# Expects CUTOVER and RESOLVE_LOOP in the environment (ctest sets them).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lab="$here/lab.sh"
: "${CUTOVER:?set CUTOVER to the cutover binary}"
: "${RESOLVE_LOOP:?set RESOLVE_LOOP to the resolve_loop binary}"

# The names a client keeps resolving through Unbound, with their only right answers.
witness_names=(
  www.example.test/A=192.0.2.10
  api.example.test/A=192.0.2.11
  example.test/A=192.0.2.1
  db.example.test/CNAME=prod.cluster-old.db.test.
  app.dev.example.test/A=192.0.2.20
  api.dev.example.test/A=192.0.2.21
)

start_witness() {  # start_witness OUTFILE
  "$RESOLVE_LOOP" 127.56.9.1 50 "${witness_names[@]}" > "$1" 2> "$1.err" &
  witness=$!
}

stop_witness() {  # stop_witness OUTFILE -> prints the counts, returns the witness's verdict
  kill -TERM "$witness" 2>/dev/null || true
  local rc=0
  wait "$witness" || rc=$?
  witness=""
  cat "$1"
  head -n 20 "$1.err" >&2
  return $rc
}

# The delegation every TLD server hands out for example.test, sorted.
tld_delegation() {
  for server in 127.56.1.1 127.56.1.2; do
    kdig +timeout=1 +retry=1 @"$server" example.test NS +norecurse 2>/dev/null |
      awk '$4 == "NS" {print $5}' | sort | tr '\n' ' '
    echo
  done
}
