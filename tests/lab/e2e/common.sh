# Shared by the e2e scripts: the lab, the witness client, and checks.
# Expects CUTOVER and RESOLVE_LOOP in the environment (ctest sets them).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lab="$here/lab.sh"
# shellcheck source=../common/topology.sh
source "$here/../common/topology.sh"
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

witness_resolver=$E2E_RESOLVER
witness=""    # the running witness's PID
apply_pid=""  # the PID of an apply that apply_with_kills is about to kill

# The EXIT trap of every e2e test (the lab_start functions set it): kills an
# apply left running and the witness, then stops the lab with the command given.
stop_all() {  # stop_all STOP_COMMAND ARG...
  if [ -n "$apply_pid" ]; then kill -9 "$apply_pid" 2>/dev/null || true; fi
  if [ -n "$witness" ]; then kill "$witness" 2>/dev/null || true; fi
  "$@"
}

start_witness() {  # start_witness OUTFILE (asks $witness_resolver for $witness_names)
  "$RESOLVE_LOOP" "$witness_resolver" 50 "${witness_names[@]}" > "$1" 2> "$1.err" &
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
  for server in $E2E_TLD1 $E2E_TLD2; do
    kdig +timeout=1 +retry=1 @"$server" example.test NS +norecurse 2>/dev/null |
      awk '$4 == "NS" {print $5}' | sort | tr '\n' ' '
    echo
  done
}

# `cutover plan`, then `cutover apply` while the witness asks, then 12 s more
# for the last cached answers of the old servers to expire. Sets `rc` (the
# apply's exit code) and `witness_rc`; the outputs are DIR/plan.txt, DIR/apply.txt.
plan_and_apply_witnessed() {  # plan_and_apply_witnessed PLAN DIR
  "$CUTOVER" plan "$1" > "$2/plan.txt"
  cat "$2/plan.txt"
  start_witness "$2/witness.txt"
  sleep 1
  rc=0
  "$CUTOVER" apply "$1" --yes --poll-interval 0.5 --check-timeout 120 | tee "$2/apply.txt" || rc=$?
  witness_settles_and_stops "$2"
}

# apply_with_kills while the witness asks, then the same 12 s. Sets `kills`,
# `completed` and `witness_rc`.
apply_with_kills_witnessed() {  # apply_with_kills_witnessed PLAN DIR
  start_witness "$2/witness.txt"
  apply_with_kills "$1" "$2"
  witness_settles_and_stops "$2"
}

witness_settles_and_stops() {  # witness_settles_and_stops DIR -> sets witness_rc
  sleep 12
  witness_rc=0
  stop_witness "$1/witness.txt" || witness_rc=$?
}

# The steps `cutover plan` printed must be the steps `cutover apply` ran, in order.
same_steps() {  # same_steps PLAN_TXT APPLY_TXT -> 0 when they agree, else prints the diff
  local planned applied
  planned=$( { grep -oE '^[0-9]+\. .*\[([a-z0-9.-]+)\]$' "$1" || true; } | sed -E 's/.*\[([a-z0-9.-]+)\]$/\1/')
  applied=$( { grep -E '^==> ' "$2" || true; } | sed -E 's/^==> ([a-z0-9.-]+):.*/\1/')
  [ -n "$planned" ] && [ "$planned" = "$applied" ] && return 0
  echo "FAIL: apply ran other steps than plan printed"; diff <(echo "$planned") <(echo "$applied") || true
  return 1
}

# Runs `cutover apply PLAN` again and again, killing it (SIGKILL) at the next
# event of one kind, alternating between a step boundary (step-done) and the
# middle of a step (right after it announced an action), until a run
# completes. Sets `kills` and `completed`; the runs' events are in DIR/round-N.jsonl.
apply_with_kills() {  # apply_with_kills PLAN DIR
  local plan=$1 dir=$2 round out kind killed rc
  kills=0
  completed=0
  for round in $(seq 1 60); do
    out="$dir/round-$round.jsonl"
    "$CUTOVER" apply "$plan" --yes --format json --poll-interval 0.5 --check-timeout 120 > "$out" 2>&1 &
    apply_pid=$!
    if [ $((round % 2)) -eq 0 ]; then kind='"event":"step-done"'; else kind='"event":"action-started"'; fi
    killed=0
    while kill -0 "$apply_pid" 2>/dev/null; do
      if grep -q "$kind" "$out" 2>/dev/null; then
        kill -9 "$apply_pid" 2>/dev/null && killed=1
        break
      fi
      sleep 0.02
    done
    rc=0
    wait "$apply_pid" || rc=$?
    apply_pid=""
    if [ $killed -eq 1 ] && [ $rc -eq 137 ]; then
      kills=$((kills + 1))
      echo "round $round: killed at $(grep -c '' "$out") events ($kind)"
      continue
    fi
    if grep -q '"status":"completed"' "$out" && [ $rc -eq 0 ]; then
      completed=1
      echo "round $round: completed after $kills kills"
      return 0
    fi
    echo "round $round: apply exited $rc without completing:"; tail -n 5 "$out"
    return 0
  done
}

# The verdicts every crash test gives after apply_with_kills_witnessed: a rerun
# completed, enough kills happened to prove something, the client saw no failed
# or wrong answer, every action took effect once. Sets fail=1 on any miss.
check_crash_run() {  # check_crash_run MIN_KILLS JOURNAL
  [ $completed -eq 1 ] || { echo "FAIL: the cutover did not complete"; fail=1; }
  [ $kills -ge "$1" ] || { echo "FAIL: only $kills kills happened; the test proves too little"; fail=1; }
  [ $witness_rc -eq 0 ] || { echo "FAIL: the client saw failed or wrong answers"; fail=1; }
  journal_actions_once "$2" || fail=1
}

# Every action took effect once according to the journal: one action-done
# per step and action index; prints how many were re-checked after a kill.
journal_actions_once() {  # journal_actions_once JOURNAL
  local dupes rechecked
  dupes=$( { grep '"event":"action-done"' "$1" || true; } | sed -E 's/.*"action":([0-9]+).*"step":"([^"]+)".*/\2#\1/' | sort | uniq -d)
  rechecked=$(grep -c 're-checked after an interrupted run' "$1" || true)
  echo "journal: $(grep -c '"event":"action-done"' "$1") actions done, $rechecked of them re-checked after a kill"
  [ -z "$dupes" ] && return 0
  echo "FAIL: actions recorded done twice: $dupes"
  return 1
}

# The delegation one parent server hands out for example.test: its NS names, sorted, on one line.
tld_delegation_at() {  # tld_delegation_at SERVER
  kdig +timeout=1 +retry=2 @"$1" example.test NS +norecurse 2>/dev/null |
    awk '!/^;/ && $4 == "NS" {print tolower($5)}' | sort | tr '\n' ' ' | sed 's/ $//'
}

# The RFC 2136 lab (lab.sh) for the Knot scripts: started fresh in DIR, and
# stopped with the apply and the witness when the script exits.
rfc2136_lab_start() {  # rfc2136_lab_start DIR
  trap "stop_all \"\$lab\" stop $(printf %q "$1")" EXIT
  rm -rf "$1"
  "$lab" start "$1"
}

# The Route 53 lab (route53_lab.py) for the Route 53 scripts: started fresh in
# DIR with its AWS profiles exported, and stopped with the apply and the witness
# when the script exits; the witness asks its Unbound; the proxy's request log
# is $requests.
route53_lab_start() {  # route53_lab_start DIR
  trap "stop_all route53_lab_stop $(printf %q "$1")" EXIT
  rm -rf "$1"
  python3 "$here/route53_lab.py" start "$1"
  set -a; . "$1/env"; set +a
  witness_resolver=$R53_RESOLVER
  requests="$1/aws/requests.jsonl"
}

route53_lab_stop() {  # route53_lab_stop DIR
  python3 "$here/route53_lab.py" stop "$1"
}
