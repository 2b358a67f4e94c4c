#!/usr/bin/env python3
"""The Route 53 lab: moto behind the project's AWS proxy for the API, and real
DNS servers on loopback (127.58.0.0/16, port 53) that serve what moto holds.

  route53_lab.py start DIR    seeds the AWS lab, starts the DNS servers and the
                              bridge, writes DIR/plan.json and
                              DIR/daily-clone-plan.json; prints the addresses
  route53_lab.py stop DIR     stops exactly what start started
  route53_lab.py bridge DIR   the bridge in the foreground (start runs it)

What it holds after `start`:

- account old (111111111111): hosted zone example.test with the witness's
  records (NS TTL 10 s, records 5 s), and the registration of example.test,
  delegated to that zone's name servers;
- account new (222222222222): the RDS cluster `prod` the plan's database
  pointer waits for; the plan creates the new zones itself;
- a root (127.58.0.1), the TLD test. (127.58.1.1, 127.58.1.2), Unbound
  (127.58.9.1) resolving from that root.

The bridge polls the AWS lab's /_lab/state and, when anything changed:
- serves each hosted zone from a PowerDNS Authoritative (pdns_server) of its
  own, listening on one address per name server of the zone (the lab hands
  every zone its own names, ns-N.awsdns-K.test, see the proxy's
  route53_nameserver_domain), answering as Route 53 does from the record
  sets moto holds (route53_answers.py: aliases with their target's records,
  weighted sets by weight, failover and multivalue by the health checks a
  test sets with POST /_lab/health_checks), SOA serial replaced by a counter;
- writes the TLD zone: the delegation of every domain registered in any
  account (the name servers Route 53 Domains holds), and the address of
  every hosted zone's name servers.
So UpdateDomainNameservers at Route 53 Domains changes what the TLD hands
out, and ChangeResourceRecordSets what the zone's servers answer, as with
the real services. The proxy keeps each change PENDING for 1 s; the bridge
loads a change within about 0.2 s, so INSYNC means served.

Needs root (port 53), or a private network namespace.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
AWS_LAB = os.path.join(REPO, "tests", "lab", "aws_emulator")
sys.path.insert(0, AWS_LAB)
sys.path.insert(0, os.path.join(REPO, "tests", "lab", "common"))
sys.dont_write_bytecode = True
import lab_servers  # noqa: E402 - the Knot, PowerDNS and Unbound configs, shared with lab.sh
import route53_answers  # noqa: E402 - Route 53's answers as a PowerDNS zone file
from aws_lab import atomic_write, is_zombie  # noqa: E402 - the AWS lab's own helpers

TOPOLOGY = lab_servers.topology()
NET = TOPOLOGY["R53_NET"]
ROOT = TOPOLOGY["R53_ROOT"]
TLD = [TOPOLOGY["R53_TLD1"], TOPOLOGY["R53_TLD2"]]
RESOLVER = TOPOLOGY["R53_RESOLVER"]
FIRST_ZONE_SLOT = int(TOPOLOGY["R53_FIRST_ZONE_SLOT"])  # hosted zone n is served on NET.(FIRST_ZONE_SLOT+n).1, .2, ...
DOMAIN = "example.test"
DELEGATION_TTL = 10   # the TLD's NS TTL, like the RFC 2136 lab
POLL_SECONDS = 0.1

WITNESS_RECORDS = [  # the old zone's records (name, type, ttl, values)
    (DOMAIN, "A", 5, ["192.0.2.1"]),
    (DOMAIN, "MX", 5, ["10 mail.example.test."]),
    ("www." + DOMAIN, "A", 5, ["192.0.2.10"]),
    ("api." + DOMAIN, "A", 5, ["192.0.2.11"]),
    ("mail." + DOMAIN, "A", 5, ["192.0.2.12"]),
    ("db." + DOMAIN, "CNAME", 5, ["prod.cluster-old.db.test."]),
    ("app.dev." + DOMAIN, "A", 5, ["192.0.2.20"]),
    ("api.dev." + DOMAIN, "A", 5, ["192.0.2.21"]),
]

# With ROUTE53_LAB_RICH=1 the old zone also holds what production zones hold
# besides simple sets (route53_cutover_test.sh witnesses these names through
# the whole cutover): an alias to CloudFront (the lab answers it with
# 198.51.100.20-21), an alias to a record of the same zone, a weighted pair
# geolocation sets with the default location, and a failover pair whose
# primary has a health check of the old account ("CHECK": the copy recreates
# the check in the new account and the copied primary names the copy).
RICH_HEALTH_CHECK = {"Type": "HTTP", "IPAddress": "192.0.2.61", "Port": 80, "ResourcePath": "/health",
                     "RequestInterval": 30, "FailureThreshold": 3}
RICH_RECORD_SETS = [
    {"Name": "cdn." + DOMAIN, "Type": "A",
     "AliasTarget": {"HostedZoneId": "Z2FDTNDATAQYW2", "DNSName": "d111111abcdef8.cloudfront.net.", "EvaluateTargetHealth": False}},
    {"Name": "alias." + DOMAIN, "Type": "A",
     "AliasTarget": {"HostedZoneId": "SELF", "DNSName": "www." + DOMAIN + ".", "EvaluateTargetHealth": False}},
    {"Name": "shop." + DOMAIN, "Type": "A", "SetIdentifier": "blue", "Weight": 70, "TTL": 5,
     "ResourceRecords": [{"Value": "192.0.2.41"}]},
    {"Name": "shop." + DOMAIN, "Type": "A", "SetIdentifier": "green", "Weight": 30, "TTL": 5,
     "ResourceRecords": [{"Value": "192.0.2.42"}]},
    {"Name": "geo." + DOMAIN, "Type": "A", "SetIdentifier": "default", "GeoLocation": {"CountryCode": "*"}, "TTL": 5,
     "ResourceRecords": [{"Value": "192.0.2.51"}]},
    {"Name": "geo." + DOMAIN, "Type": "A", "SetIdentifier": "germany", "GeoLocation": {"CountryCode": "DE"}, "TTL": 5,
     "ResourceRecords": [{"Value": "192.0.2.52"}]},
    {"Name": "failover." + DOMAIN, "Type": "A", "SetIdentifier": "primary", "Failover": "PRIMARY", "TTL": 5,
     "HealthCheckId": "CHECK", "ResourceRecords": [{"Value": "192.0.2.61"}]},
    {"Name": "failover." + DOMAIN, "Type": "A", "SetIdentifier": "secondary", "Failover": "SECONDARY", "TTL": 5,
     "ResourceRecords": [{"Value": "192.0.2.62"}]},
]


# ---------------------------------------------------------------------------
# small helpers

def log(msg: str) -> None:
    print(f"route53 lab: {msg}", file=sys.stderr, flush=True)



def lab_call(url: str, method: str, path: str, body: object | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{method} {path}: {e.code} {e.read().decode(errors='replace')}") from None


def aws_env(dir_: str) -> dict:
    with open(os.path.join(dir_, "aws", "env.json")) as f:
        return json.load(f)


def absolute(name: str) -> str:
    return name if name.endswith(".") else name + "."


# ---------------------------------------------------------------------------
# knotd

def knot_conf(d: str, listen: list[str], zone: str) -> str:
    """knotd serving zone from d/zone.db, reloaded whole through its control socket."""
    return lab_servers.knot_conf(d, listen, absolute(zone), "zone.db", storage=d, journal_content="none",
                                 zonefile_load="whole", control=True)


class ZoneServer:
    """One server process serving one zone from DIR/zone.db on the given
    addresses; load() rewrites the file and has the server reload it."""

    program = ""  # for the log: what failed to reload

    def __init__(self, d: str, zone: str, first_text: str, config: dict[str, str], argv: list[str]) -> None:
        self.dir, self.zone = d, zone
        os.makedirs(os.path.join(d, "run"), exist_ok=True)
        for name, text in config.items():
            atomic_write(os.path.join(d, name), text)
        atomic_write(os.path.join(d, "zone.db"), first_text)
        self.text = first_text
        with open(os.path.join(d, f"{self.program}.out"), "ab") as out:
            self.proc = subprocess.Popen(argv, stdout=out, stderr=out, stdin=subprocess.DEVNULL)

    def reload(self) -> subprocess.CompletedProcess | None:
        """Asks the server to reload: None when done, else the failed call (to retry)."""
        raise NotImplementedError

    def load(self, text: str) -> None:
        if text == self.text:
            return
        atomic_write(os.path.join(self.dir, "zone.db"), text)
        self.text = text
        # The control socket may not exist for the first moments of the server's life.
        for _ in range(50):
            failed = self.reload()
            if failed is None:
                return
            time.sleep(0.05)
        log(f"{self.program}: reloading {self.zone} in {self.dir} failed: {failed.stderr.strip() or failed.stdout.strip()}")

    def stop(self) -> None:
        stop_child(self.proc)


class Knot(ZoneServer):
    """knotd: the root and the TLD."""

    program = "knotd"

    def __init__(self, d: str, listen: list[str], zone: str, first_text: str) -> None:
        os.makedirs(os.path.join(d, "db"), exist_ok=True)
        super().__init__(d, zone, first_text, {"knot.conf": knot_conf(d, listen, zone)},
                         ["knotd", "-c", os.path.join(d, "knot.conf")])

    def reload(self) -> subprocess.CompletedProcess | None:
        rc = subprocess.run(["knotc", "-c", os.path.join(self.dir, "knot.conf"), "zone-reload", absolute(self.zone)],
                            capture_output=True, text=True)
        return None if rc.returncode == 0 else rc


def stop_child(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------------------
# PowerDNS: the hosted zones. Chosen over knotd for them because Route 53's
# answers are not all one fixed RRset: a weighted name answers one set or
# another per query, a multivalue name any 8 of its values; PowerDNS (Debian's
# pdns-server) computes those per query with LUA records (pickwrandom,
# pickrandomsample), and serves everything else from the same zone file as
# plain records. Health decides the rest, and the bridge re-renders on change.

class Pdns(ZoneServer):
    """pdns_server (bind backend): one per hosted zone."""

    program = "pdns"

    def __init__(self, d: str, listen: list[str], zone: str, first_text: str) -> None:
        super().__init__(d, zone, first_text, lab_servers.pdns_conf(d, listen, zone, os.path.join(d, "zone.db")),
                         ["pdns_server", f"--config-dir={d}"])

    def reload(self) -> subprocess.CompletedProcess | None:
        rc = subprocess.run(["pdns_control", f"--config-dir={self.dir}", "bind-reload-now", self.zone],
                            capture_output=True, text=True)
        # bind-reload-now says on stdout how it went, with exit code 0 even for a zone it could not parse:
        # that one is not retried (the text is wrong, not the moment), only logged.
        if rc.returncode == 0 and "parsed into memory" in rc.stdout:
            return None
        if rc.returncode == 0:
            log(f"pdns: {self.zone} in {self.dir} not loaded: {rc.stdout.strip()}")
            return None
        return rc


# ---------------------------------------------------------------------------
# the bridge

def with_serial(zone: dict, serial: int) -> dict:
    """zone with its SOA as the servers should have it."""
    records = []
    for r in zone["records"]:
        if r["type"] == "SOA":
            value = r["values"][0]
            if value.startswith("{"):
                # moto 5.2.1 keeps the SOA of a new zone as {'Value': '...'} and lists it that way.
                value = ast.literal_eval(value)["Value"]
            fields = value.split()
            fields[2] = str(serial)  # moto keeps serial 1 forever; servers and checks need it to grow
            r = dict(r, values=[" ".join(fields)])
        records.append(r)
    return dict(zone, records=records)


def apex_ns(zone: dict) -> list[str]:
    for r in zone["records"]:
        if r["type"] == "NS" and absolute(r["name"]).lower() == absolute(zone["name"]).lower():
            return [absolute(v).lower() for v in r["values"]]
    return []


def tld_text(serial: int, addresses: dict[str, str], delegations: dict[str, list[str]]) -> str:
    lines = ["$ORIGIN test.",
             f"@ {DELEGATION_TTL} SOA ns1.nic.test. hostmaster.nic.test. {serial} 3600 600 86400 5",
             f"@ {DELEGATION_TTL} NS ns1.nic.test.", f"@ {DELEGATION_TTL} NS ns2.nic.test.",
             f"ns1.nic.test. {DELEGATION_TTL} A {TLD[0]}", f"ns2.nic.test. {DELEGATION_TTL} A {TLD[1]}"]
    for name, address in sorted(addresses.items()):
        if name.endswith(".test."):
            lines.append(f"{name} {DELEGATION_TTL} A {address}")
    for domain, names in sorted(delegations.items()):
        for ns in names:
            lines.append(f"{absolute(domain)} {DELEGATION_TTL} NS {absolute(ns)}")
    return "\n".join(lines) + "\n"


class Bridge:
    def __init__(self, dir_: str) -> None:
        self.dir = dir_
        self.url = aws_env(dir_)["AWS_LAB_URL"]
        self.zones: dict[str, dict] = {}   # hosted zone id -> {server, slot, names}
        self.addresses: dict[str, str] = {}  # name server name -> address
        self.next_slot = FIRST_ZONE_SLOT
        self.serial = int(time.time())
        self.tld = Knot(os.path.join(dir_, "tld"), TLD, "test", tld_text(self.serial, {}, {}))
        self.generation = -1

    def sync(self) -> None:
        state = lab_call(self.url, "GET", "/_lab/state")
        if state["generation"] == self.generation:
            return
        self.generation = state["generation"]
        self.serial += 1
        seen = set()
        delegations: dict[str, list[str]] = {}
        hosted = [with_serial(z, self.serial) for acct in state["accounts"].values() for z in acct["hosted_zones"]]
        zones = route53_answers.Zones(hosted, state.get("health_checks", {}))
        for zone in hosted:
            seen.add(zone["id"])
            try:
                text = route53_answers.zone_text(zone, zones)
            except Exception as e:  # noqa: BLE001 - one zone moto holds oddly must not stop the others
                log(f"cannot render hosted zone {zone['id']} ({zone['name']}), serving it as it was: {e!r}")
                text = self.zones[zone["id"]]["server"].text if zone["id"] in self.zones else ""
            if text:
                self.serve_zone(zone, text)
        for acct in state["accounts"].values():
            for domain, info in acct["domains"].items():
                if absolute(domain).endswith(".test."):
                    delegations[domain] = info["nameservers"]
        for zid in [z for z in self.zones if z not in seen]:
            gone = self.zones.pop(zid)
            gone["server"].stop()
            for name in gone["names"]:
                self.addresses.pop(name, None)
        self.tld.load(tld_text(self.serial, self.addresses, delegations))

    def serve_zone(self, zone: dict, text: str) -> None:
        known = self.zones.get(zone["id"])
        if known:
            known["server"].load(text)
            return
        names = apex_ns(zone)
        slot = self.next_slot
        self.next_slot += 1
        listen = [f"{NET}.{slot}.{i + 1}" for i in range(max(1, len(names)))]
        for name, address in zip(names, listen):
            self.addresses[name] = address
        d = os.path.join(self.dir, "zones", f"{slot}-{zone['name'].rstrip('.')}")
        server = Pdns(d, listen, zone["name"].rstrip("."), text)
        self.zones[zone["id"]] = {"server": server, "slot": slot, "names": names}
        log(f"serving hosted zone {zone['id']} ({zone['name']}) on {', '.join(listen)} as {', '.join(names)}")

    def run(self) -> None:
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
        signal.signal(signal.SIGINT, lambda *_: stopping.append(1))
        try:
            while not stopping:
                try:
                    self.sync()
                except Exception as e:  # noqa: BLE001 - keep serving; the lab may be resetting
                    log(f"sync failed: {e}")
                time.sleep(POLL_SECONDS)
        finally:
            for z in self.zones.values():
                z["server"].stop()
            self.tld.stop()


# ---------------------------------------------------------------------------
# start / stop

def seed(dir_: str) -> dict:
    """The AWS side of the lab: the old zone, the registration, the new account's cluster."""
    import botocore.session
    env = aws_env(dir_)
    url = env["AWS_LAB_URL"]
    lab_call(url, "POST", "/_lab/reset")
    lab_call(url, "POST", "/_lab/config", {"route53_nameserver_domain": "test", "change_pending_seconds": 1,
                                            "domain_operation_seconds": 2})

    def client(service: str, account: str):  # type: ignore[no-untyped-def]
        keys = env["keys"][account]
        return botocore.session.get_session().create_client(
            service, region_name="us-east-1", endpoint_url=url, aws_access_key_id=keys["access_key_id"],
            aws_secret_access_key=keys["secret_access_key"])

    r53 = client("route53", "old")
    zone = r53.create_hosted_zone(Name=DOMAIN, CallerReference="lab-old-example.test")
    zone_id = zone["HostedZone"]["Id"].split("/")[-1]
    names = zone["DelegationSet"]["NameServers"]
    changes = [{"Action": "UPSERT", "ResourceRecordSet": {
        "Name": DOMAIN, "Type": "NS", "TTL": DELEGATION_TTL, "ResourceRecords": [{"Value": n} for n in names]}},
        {"Action": "UPSERT", "ResourceRecordSet": {
            "Name": DOMAIN, "Type": "SOA", "TTL": 5,
            # A 5 s negative TTL like the RFC 2136 lab (moto's default is a day).
            "ResourceRecords": [{"Value": f"{names[0]}. hostmaster.{DOMAIN}. 1 7200 900 1209600 5"}]}}]
    for name, type_, ttl, values in WITNESS_RECORDS:
        changes.append({"Action": "UPSERT", "ResourceRecordSet": {
            "Name": name, "Type": type_, "TTL": ttl, "ResourceRecords": [{"Value": v} for v in values]}})
    r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": changes})
    if os.environ.get("ROUTE53_LAB_RICH") == "1":
        check = r53.create_health_check(CallerReference="lab-failover-primary", HealthCheckConfig=RICH_HEALTH_CHECK)
        rich = [dict(r) for r in RICH_RECORD_SETS]
        for r in rich:
            if r.get("AliasTarget", {}).get("HostedZoneId") == "SELF":
                r["AliasTarget"] = dict(r["AliasTarget"], HostedZoneId=zone_id)
            if r.get("HealthCheckId") == "CHECK":
                r["HealthCheckId"] = check["HealthCheck"]["Id"]
        r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={
            "Changes": [{"Action": "CREATE", "ResourceRecordSet": r} for r in rich]})
    lab_call(url, "POST", "/_lab/domains", {"account": "old", "domain": DOMAIN, "nameservers": names})
    rds = client("rds", "new")
    rds.create_db_cluster(DBClusterIdentifier="prod", Engine="aurora-postgresql", MasterUsername="lab",
                          MasterUserPassword="lab-password-0")
    rds.create_db_instance(DBInstanceIdentifier="prod-1", DBClusterIdentifier="prod", Engine="aurora-postgresql",
                           DBInstanceClass="db.r6g.large")
    # From here on the request log holds only what the cutover sends.
    lab_call(url, "DELETE", "/_lab/log")
    return {"old_zone_id": zone_id, "old_nameservers": names}


def answers(server: str, name: str, type_: str, want: str) -> bool:
    out = subprocess.run(["kdig", "+timeout=1", "+retry=0", f"@{server}", name, type_],
                         capture_output=True, text=True).stdout
    return "status: NOERROR" in out and want in out


def start(dir_: str) -> int:
    dir_ = os.path.abspath(dir_)
    os.makedirs(dir_, exist_ok=True)
    stop(dir_)
    subprocess.run(["ip", "link", "set", "lo", "up"], capture_output=True)  # a fresh namespace starts down
    if subprocess.run([sys.executable, os.path.join(AWS_LAB, "aws_lab.py"), "start", "--dir",
                       os.path.join(dir_, "aws")]).returncode != 0:
        return 1
    seeded = seed(dir_)
    pids: list[str] = []

    def spawn(name: str, argv: list[str]) -> None:
        out = open(os.path.join(dir_, f"{name}.out"), "ab")
        p = subprocess.Popen(argv, stdout=out, stderr=out, stdin=subprocess.DEVNULL, start_new_session=True)
        out.close()
        pids.append(f"{name} {p.pid}")
        atomic_write(os.path.join(dir_, "pids"), "\n".join(pids) + "\n")

    root_dir = os.path.join(dir_, "root")
    os.makedirs(os.path.join(root_dir, "run"), exist_ok=True)
    os.makedirs(os.path.join(root_dir, "db"), exist_ok=True)
    atomic_write(os.path.join(root_dir, "knot.conf"), knot_conf(root_dir, [ROOT], "."))
    atomic_write(os.path.join(root_dir, "zone.db"), "\n".join([
        "$ORIGIN .", ". 10 SOA a.root.test. hostmaster.nic.test. 1 3600 600 86400 5", ". 10 NS a.root.test.",
        f"a.root.test. 10 A {ROOT}", "test. 10 NS ns1.nic.test.", "test. 10 NS ns2.nic.test.",
        f"ns1.nic.test. 10 A {TLD[0]}", f"ns2.nic.test. 10 A {TLD[1]}"]) + "\n")
    spawn("root", ["knotd", "-c", os.path.join(root_dir, "knot.conf")])
    spawn("bridge", [sys.executable, os.path.abspath(__file__), "bridge", dir_])
    atomic_write(os.path.join(dir_, "root.hints"), lab_servers.root_hints(ROOT))
    os.makedirs(os.path.join(dir_, "unbound"), exist_ok=True)
    atomic_write(os.path.join(dir_, "unbound", "unbound.conf"), lab_servers.unbound_conf(dir_, RESOLVER))
    spawn("unbound", ["unbound", "-d", "-c", os.path.join(dir_, "unbound", "unbound.conf")])

    deadline = time.time() + 20
    while time.time() < deadline:
        if answers(RESOLVER, "www." + DOMAIN, "A", "192.0.2.10"):
            break
        time.sleep(0.2)
    else:
        log(f"servers did not come up; logs in {dir_}")
        stop(dir_)
        return 1
    for source, target in (("lab-route53.json", "plan.json"), ("lab-route53-daily-clone.json", "daily-clone-plan.json")):
        with open(os.path.join(REPO, "plans", source)) as f:
            plan = f.read().replace("Z0LABOLDZONEID", seeded["old_zone_id"])
        atomic_write(os.path.join(dir_, target), plan)
    env = aws_env(dir_)
    lines = [f"AWS_CONFIG_FILE={env['AWS_CONFIG_FILE']}", f"AWS_SHARED_CREDENTIALS_FILE={env['AWS_SHARED_CREDENTIALS_FILE']}",
             f"AWS_LAB_URL={env['AWS_LAB_URL']}", "AWS_EC2_METADATA_DISABLED=true"]
    atomic_write(os.path.join(dir_, "env"), "\n".join(lines) + "\n")
    print(f"route53 lab: up in {dir_} (resolver {RESOLVER}, TLD {' '.join(TLD)}, old zone {seeded['old_zone_id']} "
          f"on {' '.join(seeded['old_nameservers'])}, AWS {env['AWS_LAB_URL']}; "
          f"set -a; . {dir_}/env; set +a; plan {dir_}/plan.json)")
    return 0


def ours(pid: int, dir_: str) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return dir_.encode() in f.read()
    except OSError:
        return False


def stop(dir_: str) -> int:
    dir_ = os.path.abspath(dir_)
    try:
        with open(os.path.join(dir_, "pids")) as f:
            entries = [line.split() for line in f if line.strip()]
    except OSError:
        entries = []
    pids = [int(p) for _, p in entries if ours(int(p), dir_)]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.time() + 8
    while time.time() < deadline and any(ours(p, dir_) and not is_zombie(p) for p in pids):
        time.sleep(0.05)
    for pid in pids:
        if ours(pid, dir_) and not is_zombie(pid):
            os.kill(pid, signal.SIGKILL)
    # Servers the bridge started (it stops them itself, unless it was killed).
    for pattern in (f"knotd -c {dir_}/", f"pdns_server --config-dir={dir_}/"):
        for pid in subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split():
            try:
                os.kill(int(pid), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass
    try:
        os.remove(os.path.join(dir_, "pids"))
    except FileNotFoundError:
        pass
    if os.path.isdir(os.path.join(dir_, "aws")):
        subprocess.run([sys.executable, os.path.join(AWS_LAB, "aws_lab.py"), "stop", "--dir",
                        os.path.join(dir_, "aws")], capture_output=True)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("start", "stop", "bridge"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "start":
        return start(argv[2])
    if argv[1] == "stop":
        return stop(argv[2])
    Bridge(os.path.abspath(argv[2])).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
