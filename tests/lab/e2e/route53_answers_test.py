#!/usr/bin/env python3
"""The Route 53 lab answers as Route 53 does, through real DNS queries.

  route53_answers_test.py DIR    starts the Route 53 lab in DIR, stops it at the end

Seeds moto (through the proxy, with botocore) with a hosted zone routing.test
holding every kind of record set the bridge renders, then asks the zone's
PowerDNS servers with kdig:
- aliases: the apex to an ELB (A and AAAA), cdn to a CloudFront distribution,
  app to a record of the same zone: each answers its target's records (TTL 60
  for the AWS ones, the target's own otherwise);
- weighted 70/30 (and a weight-0 set): over 400 queries, 70 % within 4.5
  standard deviations of the binomial, the weight-0 set never;
- failover: PRIMARY while its health check is healthy, SECONDARY once the test
  sets it unhealthy (POST /_lab/health_checks), PRIMARY again once healthy; an
  alias to the failover name follows, and so does a PRIMARY alias that
  evaluates its target's health; GetHealthCheckStatus says so too;
- multivalue: the healthy values (all 3, then 2 once one's check fails); 10
  values answer 8 at a time, different ones across queries;
- geolocation answers the default set, latency the us-east-1 set, and a
  weighted TXT name answers well-formed TXT records.
Exit 0 when every check holds; each check prints PASS or FAIL.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import route53_lab as lab  # noqa: E402

ZONE = "routing.test"
ELB = "dualstack.lab-elb-1234567890.us-east-1.elb.amazonaws.com."
ELB_ZONE = "Z35SXDOTRQ7X7K"  # ELB's hosted zone in us-east-1
CLOUDFRONT = "d111111abcdef8.cloudfront.net."
CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2"  # every CloudFront distribution's
WEIGHTED_QUERIES = 400

failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"{'PASS' if ok else 'FAIL'}: {what}", flush=True)
    if not ok:
        failures.append(what)


def kdig(server: str, *questions: str) -> list[list[str]]:
    """The answer records ('owner TTL class type rdata' split) of each
    question (pairs name, type, asked in one kdig run)."""
    out = subprocess.run(["kdig", "+timeout=2", "+retry=1", "+noall", "+answer", f"@{server}", *questions],
                         capture_output=True, text=True).stdout
    return [line.split(None, 4) for line in out.splitlines() if line and not line.startswith(";")]


def values(server: str, name: str, type_: str) -> list[str]:
    return sorted(r[4] for r in kdig(server, name, type_) if r[3] == type_)


def ttls(server: str, name: str, type_: str) -> set[int]:
    return {int(r[1]) for r in kdig(server, name, type_) if r[3] == type_}


def rrset(name: str, type_: str, ttl: int | None = None, vals: list[str] | None = None, **routing: object) -> dict:
    s: dict = {"Name": name, "Type": type_, **routing}
    if ttl is not None:
        s["TTL"] = ttl
    if vals is not None:
        s["ResourceRecords"] = [{"Value": v} for v in vals]
    return {"Action": "UPSERT", "ResourceRecordSet": s}


def alias(name: str, type_: str, target: str, zone_id: str, evaluate: bool = False, **routing: object) -> dict:
    return rrset(name, type_, AliasTarget={"HostedZoneId": zone_id, "DNSName": target, "EvaluateTargetHealth": evaluate},
                 **routing)


def wait_for(what: str, probe, want, seconds: float = 5.0):  # type: ignore[no-untyped-def]
    """probe() until it returns want (then True), or seconds pass (False)."""
    deadline = time.time() + seconds
    while True:
        got = probe()
        if got == want or time.time() > deadline:
            check(got == want, f"{what}: {got}")
            return got == want
        time.sleep(0.1)


def main(dir_: str) -> int:
    dir_ = os.path.abspath(dir_)
    if lab.start(dir_) != 0:
        print("FAIL: the Route 53 lab did not start")
        return 1
    try:
        run(dir_)
    finally:
        lab.stop(dir_)
    print(f"{len(failures)} check(s) failed" if failures else "PASS: the lab answers as Route 53 does")
    return 1 if failures else 0


def run(dir_: str) -> None:
    import botocore.session
    env = lab.aws_env(dir_)
    url = env["AWS_LAB_URL"]
    keys = env["keys"]["old"]
    r53 = botocore.session.get_session().create_client(
        "route53", region_name="us-east-1", endpoint_url=url, aws_access_key_id=keys["access_key_id"],
        aws_secret_access_key=keys["secret_access_key"])

    created = r53.create_hosted_zone(Name=ZONE, CallerReference="lab-routing.test")
    zone_id = created["HostedZone"]["Id"].split("/")[-1]
    names = created["DelegationSet"]["NameServers"]

    def health_check(ip: str, ref: str) -> str:
        return r53.create_health_check(CallerReference=ref, HealthCheckConfig={
            "IPAddress": ip, "Port": 80, "Type": "HTTP", "ResourcePath": "/health"})["HealthCheck"]["Id"]
    hc_primary = health_check("192.0.2.1", "lab-hc-primary")
    hc_mv = health_check("192.0.2.103", "lab-hc-mv")

    z = ZONE + "."
    changes = [
        alias(z, "A", ELB, ELB_ZONE), alias(z, "AAAA", ELB, ELB_ZONE),
        alias("cdn." + z, "A", CLOUDFRONT, CLOUDFRONT_ZONE),
        rrset("origin." + z, "A", 30, ["192.0.2.50"]),
        alias("app." + z, "A", "origin." + z, zone_id),
        rrset("w." + z, "A", 5, ["192.0.2.70"], SetIdentifier="seventy", Weight=70),
        rrset("w." + z, "A", 5, ["192.0.2.30"], SetIdentifier="thirty", Weight=30),
        rrset("w." + z, "A", 5, ["192.0.2.99"], SetIdentifier="never", Weight=0),
        rrset("f." + z, "A", 5, ["192.0.2.1"], SetIdentifier="main", Failover="PRIMARY", HealthCheckId=hc_primary),
        rrset("f." + z, "A", 5, ["192.0.2.2"], SetIdentifier="standby", Failover="SECONDARY"),
        alias("status." + z, "A", "f." + z, zone_id),
        rrset("hw." + z, "A", 5, ["192.0.2.80"], SetIdentifier="only", Weight=1, HealthCheckId=hc_primary),
        alias("eth." + z, "A", "hw." + z, zone_id, True, SetIdentifier="main", Failover="PRIMARY"),
        rrset("eth." + z, "A", 5, ["192.0.2.81"], SetIdentifier="standby", Failover="SECONDARY"),
        rrset("mv." + z, "A", 5, ["192.0.2.101"], SetIdentifier="mv1", MultiValueAnswer=True),
        rrset("mv." + z, "A", 5, ["192.0.2.102"], SetIdentifier="mv2", MultiValueAnswer=True),
        rrset("mv." + z, "A", 5, ["192.0.2.103"], SetIdentifier="mv3", MultiValueAnswer=True, HealthCheckId=hc_mv),
        *[rrset("many." + z, "A", 5, [f"192.0.2.{200 + i}"], SetIdentifier=f"m{i}", MultiValueAnswer=True)
          for i in range(1, 11)],
        rrset("geo." + z, "A", 5, ["192.0.2.40"], SetIdentifier="default", GeoLocation={"CountryCode": "*"}),
        rrset("geo." + z, "A", 5, ["192.0.2.41"], SetIdentifier="de", GeoLocation={"CountryCode": "DE"}),
        rrset("lat." + z, "A", 5, ["192.0.2.60"], SetIdentifier="eu", Region="eu-west-1"),
        rrset("lat." + z, "A", 5, ["192.0.2.61"], SetIdentifier="us", Region="us-east-1"),
        rrset("txt." + z, "TXT", 5, ['"blue"'], SetIdentifier="blue", Weight=1),
        rrset("txt." + z, "TXT", 5, ['"it\'s \\"green\\""'], SetIdentifier="green", Weight=1),
    ]
    change = r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": changes})
    # INSYNC means served (the bridge loads a change well within the 1 s the lab keeps it PENDING).
    r53.get_waiter("resource_record_sets_changed").wait(Id=change["ChangeInfo"]["Id"],
                                                        WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    kept = {(s["Name"], s["Type"], s.get("SetIdentifier")) for s in
            r53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]}
    check(len(kept) == len(changes) + 2, f"moto keeps every set apart (SOA, NS and {len(changes)}): {len(kept)}")

    glue = kdig(lab.TLD[0], names[0], "A")
    server = glue[0][4] if glue else ""
    check(server.startswith("127.58."), f"the TLD gives the zone's first name server {names[0]} an address: {server}")
    if not server:
        return

    # aliases
    check(values(server, z, "A") == ["198.51.100.10", "198.51.100.11"], f"apex A alias to the ELB: {values(server, z, 'A')}")
    check(values(server, z, "AAAA") == ["2001:db8:5100::10", "2001:db8:5100::11"],
          f"apex AAAA alias to the ELB: {values(server, z, 'AAAA')}")
    check(ttls(server, z, "A") == {60}, f"an alias to an AWS resource has TTL 60: {ttls(server, z, 'A')}")
    check(values(server, "cdn." + z, "A") == ["198.51.100.20", "198.51.100.21"],
          f"alias to CloudFront: {values(server, 'cdn.' + z, 'A')}")
    check(values(server, "app." + z, "A") == ["192.0.2.50"] and ttls(server, "app." + z, "A") == {30},
          f"alias to origin in the same zone, with its TTL: {kdig(server, 'app.' + z, 'A')}")
    check(not any(r[3] == "CNAME" for r in kdig(server, "app." + z, "A")), "an alias is not a CNAME")

    # weighted
    answers = kdig(server, *(["w." + z, "A"] * WEIGHTED_QUERIES))
    seen = [r[4] for r in answers if r[3] == "A"]
    n70, n30, n0 = seen.count("192.0.2.70"), seen.count("192.0.2.30"), seen.count("192.0.2.99")
    sd = math.sqrt(WEIGHTED_QUERIES * 0.7 * 0.3)
    low, high = WEIGHTED_QUERIES * 0.7 - 4.5 * sd, WEIGHTED_QUERIES * 0.7 + 4.5 * sd
    check(len(seen) == WEIGHTED_QUERIES, f"one record per weighted answer: {len(seen)} for {WEIGHTED_QUERIES} queries")
    check(low <= n70 <= high, f"weighted 70/30: {n70} of {WEIGHTED_QUERIES} in [{low:.0f}, {high:.0f}] (30 %: {n30})")
    check(n0 == 0, f"the weight-0 set is never answered: {n0} times")

    # failover, and an alias to it
    check(values(server, "f." + z, "A") == ["192.0.2.1"], f"failover answers PRIMARY: {values(server, 'f.' + z, 'A')}")
    check(values(server, "status." + z, "A") == ["192.0.2.1"], "an alias to the failover name answers PRIMARY")
    check(values(server, "eth." + z, "A") == ["192.0.2.80"], "a PRIMARY alias to a healthy target answers the target")
    lab.lab_call(url, "POST", "/_lab/health_checks", {"id": hc_primary, "healthy": False})
    wait_for("PRIMARY's health check unhealthy: failover answers SECONDARY",
             lambda: values(server, "f." + z, "A"), ["192.0.2.2"])
    check(values(server, "status." + z, "A") == ["192.0.2.2"], "the alias follows to SECONDARY")
    check(values(server, "eth." + z, "A") == ["192.0.2.81"],
          f"a PRIMARY alias evaluating its target's health fails over with it: {values(server, 'eth.' + z, 'A')}")
    check(values(server, "hw." + z, "A") == ["192.0.2.80"], "a weighted name whose every set is unhealthy answers them all")
    stable = {tuple(values(server, "f." + z, "A")) for _ in range(10)}
    check(stable == {("192.0.2.2",)}, f"and keeps answering SECONDARY: {stable}")
    status = r53.get_health_check_status(HealthCheckId=hc_primary)["HealthCheckObservations"]
    check(all(o["StatusReport"]["Status"].startswith("Failure") for o in status),
          f"GetHealthCheckStatus reports the failure: {[o['StatusReport']['Status'][:20] for o in status]}")
    lab.lab_call(url, "POST", "/_lab/health_checks", {"id": hc_primary, "healthy": True})
    wait_for("healthy again: failover answers PRIMARY", lambda: values(server, "f." + z, "A"), ["192.0.2.1"])

    # multivalue
    check(values(server, "mv." + z, "A") == ["192.0.2.101", "192.0.2.102", "192.0.2.103"],
          f"multivalue answers every healthy value: {values(server, 'mv.' + z, 'A')}")
    lab.lab_call(url, "POST", "/_lab/health_checks", {"id": hc_mv, "healthy": False})
    wait_for("multivalue leaves out the unhealthy value", lambda: values(server, "mv." + z, "A"),
             ["192.0.2.101", "192.0.2.102"])
    many = [values(server, "many." + z, "A") for _ in range(10)]
    check(all(len(a) == 8 and set(a) <= {f"192.0.2.{200 + i}" for i in range(1, 11)} for a in many),
          f"10 multivalue values answer 8 of them: {[len(a) for a in many]}")
    check(len({tuple(a) for a in many}) > 1, "and not always the same 8")

    # geolocation, latency, TXT
    check(values(server, "geo." + z, "A") == ["192.0.2.40"], f"geolocation: the default set: {values(server, 'geo.' + z, 'A')}")
    check(values(server, "lat." + z, "A") == ["192.0.2.61"], f"latency: the us-east-1 set: {values(server, 'lat.' + z, 'A')}")
    txt = {r[4] for r in kdig(server, *(["txt." + z, "TXT"] * 40)) if r[3] == "TXT"}
    check(txt == {'"blue"', '"it\'s \\"green\\""'}, f"weighted TXT answers both sets, quoted as given: {sorted(txt)}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
