#!/usr/bin/env python3
"""After a cutover in the Route 53 lab: checks the end state with real DNS
queries and the AWS state, and the proxy's request log for repeated calls.

  route53_verify.py DIR    exit 0 when every check holds; prints each check

- the TLD servers delegate example.test to the name servers of the new
  account's hosted zone, and each of those servers answers for it with AA;
- the registration of example.test belongs to the new account, with the new
  zone's name servers;
- db.example.test is a CNAME to the new cluster on every new-zone server;
- with the rich zone (ROUTE53_LAB_RICH=1): the health check of the failover
  primary is recreated in the new account with the same configuration (a
  CallerReference of the plan), and the copied primary names the copy;
- the transfer password: nothing the run wrote (journal, outputs, the lab's
  logs) holds a string shaped like the lab's passwords, and the journal's
  secrets file is gone once the transfer was accepted;
- the request log: every request carried a valid signature, and no mutating
  call took effect twice (the same idempotency key reaching moto, or answered
  2xx by the proxy's own transfer operations, twice).
"""

from __future__ import annotations

import collections
import json
import os
import re
import subprocess
import sys
import urllib.request

import botocore.session

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import route53_lab as lab  # noqa: E402

NEW_DB_TARGET = "prod.cluster-new.db.test."
# The shape of the lab's transfer passwords (labproxy: token_urlsafe(9) + "'" + token_urlsafe(6)).
PASSWORD_SHAPE = re.compile(r"[A-Za-z0-9_-]{12}'[A-Za-z0-9_-]{8}")
TEXT_SUFFIXES = (".txt", ".jsonl", ".journal", ".log", ".out", ".err", ".json")


def password_leaks(dir_: str) -> list[str]:
    """Files under dir_ holding something shaped like a transfer password."""
    found = []
    for root, _, files in os.walk(dir_):
        for name in files:
            if not name.endswith(TEXT_SUFFIXES):
                continue
            path = os.path.join(root, name)
            with open(path, errors="replace") as f:
                if PASSWORD_SHAPE.search(f.read()):
                    found.append(os.path.relpath(path, dir_))
    return found


def dig(server: str, name: str, type_: str) -> list[str]:
    """The answer (or authority, for a referral) records as 'owner TTL type rdata' lines."""
    out = subprocess.run(["kdig", "+timeout=1", "+retry=2", "+norecurse", f"@{server}", name, type_],
                         capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line and not line.startswith(";")]


def rdata(lines: list[str], type_: str) -> list[str]:
    return sorted(line.split()[4].lower() for line in lines if len(line.split()) > 4 and line.split()[3] == type_)


def check_recreated_health_check(env: dict, new_zone: dict, check) -> None:  # type: ignore[no-untyped-def]
    """The failover primary's check, recreated in account new and named by the copied set."""
    keys = env["keys"]["new"]
    r53 = botocore.session.get_session().create_client(
        "route53", region_name="us-east-1", endpoint_url=env["AWS_LAB_URL"],
        aws_access_key_id=keys["access_key_id"], aws_secret_access_key=keys["secret_access_key"])
    checks = r53.list_health_checks()["HealthChecks"]
    made = [c for c in checks if c["CallerReference"].startswith("cutover-hc-")]
    check(len(made) == 1, f"account new holds {len(made)} health check(s) made by the plan (want 1)")
    if made:
        config = {k: made[0]["HealthCheckConfig"].get(k) for k in lab.RICH_HEALTH_CHECK}
        check(config == lab.RICH_HEALTH_CHECK, f"the recreated check has the old one's configuration ({config})")
    primary = [r for r in new_zone["records"]
               if lab.absolute(r["name"]) == "failover." + lab.DOMAIN + "." and r.get("set_identifier") == "primary"]
    named = primary[0].get("health_check_id") if primary else None
    check(bool(made) and named == made[0]["Id"],
          f"the copied failover primary names health check {named} (the copy: {made[0]['Id'] if made else 'none'})")


def main(dir_: str) -> int:
    dir_ = os.path.abspath(dir_)
    env = lab.aws_env(dir_)
    with urllib.request.urlopen(env["AWS_LAB_URL"] + "/_lab/state", timeout=30) as r:
        state = json.loads(r.read())
    new_account = env["accounts"]["new"]
    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    new_zones = [z for z in state["accounts"][new_account]["hosted_zones"] if z["name"] == lab.DOMAIN + "."]
    check(len(new_zones) == 1, f"account new holds exactly one hosted zone {lab.DOMAIN} ({len(new_zones)})")
    if not new_zones:
        return 1
    new_ns = lab.apex_ns(new_zones[0])
    for server in lab.TLD:
        got = rdata(dig(server, lab.DOMAIN, "NS"), "NS")
        check(got == new_ns, f"TLD server {server} delegates {lab.DOMAIN} to {' '.join(got) or 'nothing'}"
                             f" (new zone: {' '.join(new_ns)})")
    for ns in new_ns:
        address = rdata(dig(lab.TLD[0], ns, "A"), "A")
        if not address:
            check(False, f"{ns} has an address at the TLD")
            continue
        out = subprocess.run(["kdig", "+timeout=1", "+retry=2", "+norecurse", f"@{address[0]}", lab.DOMAIN, "SOA"],
                             capture_output=True, text=True).stdout
        check("status: NOERROR" in out and " aa" in out.split("Flags:")[1].split(";")[0],
              f"{ns} ({address[0]}) answers SOA {lab.DOMAIN} with AA")
        cname = rdata(dig(address[0], "db." + lab.DOMAIN, "CNAME"), "CNAME")
        check(cname == [NEW_DB_TARGET], f"{ns} ({address[0]}) answers db.{lab.DOMAIN} CNAME {' '.join(cname)}")
    if os.environ.get("ROUTE53_LAB_RICH") == "1":
        check_recreated_health_check(env, new_zones[0], check)
    owners = [acct for acct, a in state["accounts"].items() if lab.DOMAIN in a["domains"]]
    check(owners == [new_account], f"the registration of {lab.DOMAIN} is in account(s) {', '.join(owners)}")
    if owners:
        registered = sorted(n.lower().rstrip(".") + "." for n in state["accounts"][owners[0]]["domains"][lab.DOMAIN]["nameservers"])
        check(registered == new_ns, f"Route 53 Domains holds the name servers {' '.join(registered)}")
        check(state["accounts"][owners[0]]["domains"][lab.DOMAIN].get("transfer_lock") is True,
              f"the registration of {lab.DOMAIN} is under the transfer lock again")

    assert PASSWORD_SHAPE.search("x" + "Ab3_-Ab3_-Ab" + "'" + "Cd4_-Cd4" + "y")  # the check can find one
    leaks = password_leaks(dir_)
    check(not leaks, "no file of the run holds a transfer password" + (f": {', '.join(leaks)}" if leaks else ""))
    secrets_files = [n for n in os.listdir(dir_) if n.endswith(".secrets")]
    check(not secrets_files, "the journal's secrets file is gone after the accept" +
          (f": {', '.join(secrets_files)}" if secrets_files else ""))

    with open(env["log"]) as f:
        log = [json.loads(line) for line in f if line.strip()]
    bad_signatures = [e for e in log if not e["signature_valid"]]
    check(not bad_signatures, f"every one of {len(log)} requests had a valid signature ({len(bad_signatures)} not)")
    # Took effect: reached moto, or answered 2xx by the proxy's own operations (the domain transfers).
    effective = [e for e in log if e["mutating"] and (e["forwarded"] or 200 <= e["status"] < 300)]
    forwarded = collections.Counter(e["idempotency_key"] for e in effective)
    twice = {k: n for k, n in forwarded.items() if n > 1}
    mutating = sum(forwarded.values())
    check(not twice, f"{mutating} mutating calls took effect, none twice"
                     + ("" if not twice else f": repeated {twice}"))
    by_operation = collections.Counter(e["operation"] for e in effective)
    print("mutating calls: " + ", ".join(f"{op} {n}" for op, n in sorted(by_operation.items())))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
