#!/usr/bin/env python3
"""Checks the structure of a `cutover report` page against the plan document
(`cutover plan --format json`) and the journal it was made from.

    report_check.py PLAN_JSON REPORT_HTML [JOURNAL]

Every step of the plan must be in the steps table with its planned start and
end, and in the timeline; every wait of the plan with its anchor and delay;
every journal record in the journal table (step, event, time). The page must
be self-contained: no script or style or image fetched from anywhere.
Prints what it found and exits 1 on the first kind of mismatch it lists.
"""
import json
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = {}        # step id -> (start offset, end offset)
        self.bars = set()     # step ids in the SVG timeline
        self.waits = set()    # (step, after, delay)
        self.events = []      # (step, event, at)
        self.external = []    # tags that would fetch something
        self.step = None      # the steps table row being read

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "tr" and "step" in cls:
            self.step = a["data-step"]
            self.rows[self.step] = (int(a["data-start-offset"]), int(a["data-finish-offset"]))
        elif tag == "g" and "step" in cls:
            self.bars.add(a["data-step"])
        elif tag == "div" and "wait" in cls:
            self.waits.add((self.step, a["data-after"], int(a["data-delay"])))
        elif tag == "tr" and "event" in cls:
            self.events.append((a["data-step"], a["data-event"], int(a["data-at"])))
        if tag in ("script", "img", "link", "iframe") and (a.get("src") or a.get("href")):
            self.external.append(tag)


def main():
    plan = json.load(open(sys.argv[1]))
    page = Page()
    page.feed(open(sys.argv[2], encoding="utf-8").read())
    problems = []
    for s in plan["steps"]:
        want = (s["start_offset_seconds"], s["finish_offset_seconds"])
        if s["id"] not in page.rows:
            problems.append(f"step {s['id']} is not in the steps table")
        elif page.rows[s["id"]] != want:
            problems.append(f"step {s['id']}: times {page.rows[s['id']]} in the report, {want} in the plan")
        if s["id"] not in page.bars:
            problems.append(f"step {s['id']} has no bar in the timeline")
        for w in s["waits"]:
            if (s["id"], w["after"], w["delay_seconds"]) not in page.waits:
                problems.append(f"step {s['id']}: the wait of {w['delay_seconds']} s after {w['after']} is missing")
    extra = set(page.rows) - {s["id"] for s in plan["steps"]}
    if extra:
        problems.append(f"steps in the report that the plan does not have: {sorted(extra)}")
    if len(sys.argv) > 3:
        records = [json.loads(line) for line in open(sys.argv[3]) if line.strip()][1:]  # after the header
        want = [(r["step"], r["event"], r["at"]) for r in records]
        if page.events != want:
            missing = [w for w in want if w not in page.events]
            problems.append(f"journal: {len(want)} records, {len(page.events)} in the report; missing {missing[:5]}")
    if page.external:
        problems.append(f"the page fetches something: {page.external}")
    print(f"report: {len(page.rows)} steps, {len(page.waits)} waits, {len(page.events)} journal records")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
