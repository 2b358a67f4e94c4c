#!/usr/bin/env bash
# The operator's view of the lab cutover (RFC 2136 path): `cutover apply
# --format json` must emit `progress` events during the propagation waits,
# their counts rising to every server asked; then `cutover report` over the
# run's journal is rendered by headless Chromium (a screenshot and a PDF) and
# its HTML checked against `cutover plan --format json` and the journal
# (report_check.py), which must also fail on a page with a step taken out.
#
#   report_test.sh DIR [SCREENSHOT.png]   # docs/screenshot.sh passes the second
set -euo pipefail
dir=$1
shot=${2:-$dir/report.png}
source "$(dirname "$0")/common.sh"
rfc2136_lab_start "$dir"
plan="$dir/plan.json"
fail=0
"$CUTOVER" plan "$plan" --format json -o "$dir/plan-doc.json"

# A client starts asking the lab's resolver for the zone's NS about 3 s
# before the switch (the last seconds of the wait before it), so the resolver
# caches the old set for its 10 s TTL and still holds it when the window after
# the switch begins: the figures must then rise as it catches up. Asked
# earlier, the cached copy could expire just as the switch happens. A loaded
# machine may print no countdown line in those seconds (one poll of the
# servers can outlast them): the verification step's start, right before the
# switch, starts the client then.
(
  until grep -qE '"remaining_seconds":[0-3],"step":"switch.verify-ready"|"event":"step-started","step":"switch.verify-ready"' \
    "$dir/apply.jsonl" 2>/dev/null; do sleep 0.05; done
  while :; do kdig +timeout=1 +retry=0 @"$witness_resolver" example.test NS >/dev/null 2>&1 || true; sleep 0.3; done
) &
witness=$!  # stop_all kills it

rc=0
"$CUTOVER" apply "$plan" --yes --format json --poll-interval 0.5 --check-timeout 120 > "$dir/apply.jsonl" || rc=$?
[ $rc -eq 0 ] || { echo "FAIL: cutover apply exited $rc"; tail -n 5 "$dir/apply.jsonl"; fail=1; }

# Progress: per step waited on, the figures first and last seen.
progress=$(jq -r 'select(.event == "progress") | "\(.step) \(.agreeing) \(.asked)"' "$dir/apply.jsonl")
echo "progress events: $(grep -c . <<< "$progress" || true)"
awk '{ if (!($1 in first)) first[$1] = $2 "/" $3; last[$1] = $2 "/" $3 }
     END { for (s in first) print "  " s ": first " first[s] ", last " last[s] }' <<< "$progress"
window=$(grep '^switch.window-end ' <<< "$progress" || true)
if [ -z "$window" ]; then
  echo "FAIL: no progress event during the propagation window (switch.window-end)"; fail=1
else
  read -r _ first_agreeing first_asked < <(head -n 1 <<< "$window")
  read -r _ last_agreeing last_asked < <(tail -n 1 <<< "$window")
  [ "$last_agreeing" -eq "$last_asked" ] && [ "$last_asked" -gt 0 ] ||
    { echo "FAIL: the window ended with $last_agreeing/$last_asked servers giving the new answer"; fail=1; }
  [ "$first_agreeing" -lt "$first_asked" ] ||
    { echo "FAIL: the window began with every server giving the new answer: nothing was seen rising"; fail=1; }
  # Never falling back: each figure at least the one before.
  awk 'NR > 1 && $2 < prev { bad = 1 } { prev = $2 } END { exit bad }' <<< "$window" ||
    { echo "FAIL: the servers giving the new answer went down during the window"; fail=1; }
fi

start=$(date +%s%N)
"$CUTOVER" report "$plan" -o "$dir/report.html"
python3 "$here/report_check.py" "$dir/plan-doc.json" "$dir/report.html" "$plan.journal" || fail=1
grep -q 'id="eta"\|Last check' "$dir/report.html" || { echo "FAIL: the report shows no propagation check"; fail=1; }

# The checker must fail on a page without one of the plan's steps.
python3 - "$dir/report.html" "$dir/report-missing-step.html" <<'PY'
import re, sys
html = open(sys.argv[1]).read()
# Drops the first step's table row.
html = re.sub(r'<tr class="step" data-step="[^"]+".*?</tr>\n', '', html, count=1, flags=re.S)
open(sys.argv[2], "w").write(html)
PY
if python3 "$here/report_check.py" "$dir/plan-doc.json" "$dir/report-missing-step.html" "$plan.journal" > "$dir/missing.txt"; then
  echo "FAIL: report_check.py accepted a report with a step missing"; fail=1
else
  echo "as it must, the checker refused a page without a step: $(grep -m1 FAIL "$dir/missing.txt")"
fi

# Headless Chromium from Debian opens it from disk (no network here), for a screenshot and a PDF.
chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$dir/chromium" --no-first-run)
"${chrome[@]}" --window-size=1280,1500 --screenshot="$shot" "file://$dir/report.html" > "$dir/chromium.log" 2>&1 || true
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$dir/report.pdf" "file://$dir/report.html" >> "$dir/chromium.log" 2>&1 || true
[ -s "$shot" ] && [ "$(head -c 4 "$shot" | od -An -c | tr -d ' ')" = "211PNG" ] ||
  { echo "FAIL: no screenshot"; tail -n 5 "$dir/chromium.log"; fail=1; }
[ "$(head -c 5 "$dir/report.pdf" 2>/dev/null)" = "%PDF-" ] || { echo "FAIL: no PDF"; tail -n 5 "$dir/chromium.log"; fail=1; }
echo "report, screenshot and PDF in $((($(date +%s%N) - start) / 1000000)) ms: $(stat -c %s "$dir/report.html") bytes of HTML, $(stat -c %s "$dir/report.pdf") of PDF"

[ $fail -eq 0 ] && echo "PASS: progress rose to every server during the window; the report holds every step, wait and journal record"
exit $fail
