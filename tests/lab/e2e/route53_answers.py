"""What Route 53 answers for a hosted zone of the AWS lab, as a zone file
for PowerDNS (bind backend, enable-lua-records=yes): route53_lab.py's bridge
serves every hosted zone from it.

Route 53 answers a name and type from its record sets by their routing:

- a simple set: its values (as every zone file has them);
- an alias: its target's answer, with the target's TTL. The target is a
  record of a hosted zone the lab serves (the zone the alias names by
  HostedZoneId, else the one whose name is the longest suffix of the
  target), or, outside them, an AWS resource (ELB, CloudFront, S3...):
  AWS_TARGETS gives the addresses of the names the tests use, any other
  name gets two addresses derived from its name (198.51.100.100-199,
  2001:db8:5100:1::/64), TTL 60, so that every zone aliasing one answers
  the same. Rendered as the target's values (or its LUA record), not as a
  PowerDNS ALIAS: Route 53 answers from what it holds, without resolving
  anything, and so does this, with no resolver to wait for or to fail;
- weighted sets: one set per query, in proportion to the weights (a LUA
  record over pickwrandom); weight 0 only when every weight is 0 (then
  equally); sets whose health check is unhealthy are left out unless all are;
- failover: PRIMARY while its health check is healthy (or it has none), else
  SECONDARY when that is healthy, else PRIMARY (as Route 53 does when both
  are unhealthy);
- multivalue: the values of the healthy sets (of all when none is), at most
  8, chosen per query (pickrandomsample) when there are more;
- geolocation: the default set (CountryCode "*") only: the lab has no
  GeoIP database, so every client is "elsewhere"; no default set, no answer;
- latency: the us-east-1 set (the lab's clients are in the lab's region),
  else the set of the first region in sorted order;
- any other routing moto keeps no field for (IP-based): the set with the
  first set identifier.
Health is GET /_lab/state's health_checks (a test sets it with
POST /_lab/health_checks); the bridge renders again when it changes. A set
without a health check is healthy, unless it is an alias with
EvaluateTargetHealth whose target has no healthy set. A
name and type without any answer becomes a comment, saying why.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "aws_emulator"))
from aws_lab import bind_rdata  # noqa: E402 - the AWS lab's rdata rules, shared with its zonefile command

MAX_MULTIVALUE = 8       # Route 53 answers at most 8 multivalue records
AWS_TTL = 60             # the TTL Route 53 gives an alias to an AWS resource
LAB_REGION = "us-east-1"
MAX_ALIAS_DEPTH = 8
# AWS resources the lab's tests alias to (canonical names, lowercase, absolute).
AWS_TARGETS: dict[str, dict[str, list[str]]] = {
    "lab-elb-1234567890.us-east-1.elb.amazonaws.com.": {
        "A": ["198.51.100.10", "198.51.100.11"], "AAAA": ["2001:db8:5100::10", "2001:db8:5100::11"]},
    "d111111abcdef8.cloudfront.net.": {
        "A": ["198.51.100.20", "198.51.100.21"], "AAAA": ["2001:db8:5100::20"]},
}


@dataclass(frozen=True)
class Answer:
    """What a name and type is answered with: one of choices, picked by
    weight per query (one choice: always that), each a list of values; with
    sample, that many of the chosen values, picked per query."""
    ttl: int
    choices: tuple[tuple[float, tuple[str, ...]], ...]
    sample: int | None = None


def absolute(name: str) -> str:
    return name if name.endswith(".") else name + "."


def owner(name: str) -> str:
    return absolute(name.replace("\\052", "*")).lower()


def aws_target(name: str, type_: str) -> Answer | None:
    """An AWS resource's addresses: AWS_TARGETS, else derived from the name."""
    name = owner(name)
    if name.startswith("dualstack."):
        name = name[len("dualstack."):]
    known = AWS_TARGETS.get(name)
    if known is not None:
        values = known.get(type_)
        return Answer(AWS_TTL, ((1, tuple(values)),)) if values else None
    h = hashlib.sha256(name.encode()).digest()
    if type_ == "A":
        values = (f"198.51.100.{100 + h[0] % 100}", f"198.51.100.{100 + h[1] % 100}")
    elif type_ == "AAAA":
        values = (f"2001:db8:5100:1::{h[2]:02x}{h[3]:02x}",)
    else:
        return None
    return Answer(AWS_TTL, ((1, tuple(dict.fromkeys(values))),))


class Zones:
    """Every hosted zone the lab serves, for aliases, and the health checks."""

    def __init__(self, zones: list[dict], health: dict[str, dict]) -> None:
        self.zones = zones
        self.health = health
        self.sets: dict[str, dict[tuple[str, str], list[dict]]] = {}
        for z in zones:
            groups: dict[tuple[str, str], list[dict]] = {}
            for r in z["records"]:
                groups.setdefault((owner(r["name"]), r["type"]), []).append(r)
            self.sets[z["id"]] = groups

    def zone_of(self, name: str, zone_id: str | None, here: dict) -> dict | None:
        """The zone an alias target lives in: the one it names, else here, else the longest suffix."""
        inside = [z for z in self.zones if name == owner(z["name"]) or name.endswith("." + owner(z["name"]))]
        bare = (zone_id or "").split("/")[-1]
        for z in inside:
            if z["id"].split("/")[-1] == bare:
                return z
        if here in inside:
            return here
        return max(inside, key=lambda z: len(z["name"]), default=None)

    def healthy(self, zone: dict, r: dict, depth: int = 0) -> bool:
        """Its health check's state; without one, an alias that evaluates
        its target's health is healthy while any set of the target is, any
        other set always."""
        hc = r.get("health_check_id")
        if hc is not None:
            return self.health.get(hc, {}).get("healthy", True)
        target = r.get("alias_target") or {}
        if not target.get("EvaluateTargetHealth") or depth >= MAX_ALIAS_DEPTH:
            return True
        name = owner(target.get("DNSName", ""))
        into = self.zone_of(name, target.get("HostedZoneId"), zone)
        if into is None:
            return True  # an AWS resource: the lab's are always up
        sets = self.sets[into["id"]].get((name, r["type"]), [])
        return any(self.healthy(into, t, depth + 1) for t in sets)

    # --- answers -------------------------------------------------------------

    def answer(self, zone: dict, sets: list[dict], depth: int = 0) -> tuple[Answer | None, str]:
        """The answer for one name and type of zone, or None and why."""
        routed = [r for r in sets if r.get("set_identifier")]
        if not routed:
            return self.one_set(zone, sets[0], depth)
        first = routed[0]
        if first.get("weight") is not None:
            return self.weighted(zone, routed, depth)
        if first.get("failover"):
            return self.failover(zone, routed, depth)
        if first.get("multi_value_answer"):
            return self.multivalue(zone, routed, depth)
        if first.get("geo_location"):
            default = [r for r in routed if (r.get("geo_location") or {}).get("CountryCode") == "*"]
            if not default:
                return None, "geolocation without a default set: no answer for a client of no listed location"
            return self.one_set(zone, default[0], depth)
        if first.get("region"):
            by_region = sorted(routed, key=lambda r: (r.get("region") != LAB_REGION, r.get("region") or ""))
            return self.one_set(zone, by_region[0], depth)
        return self.one_set(zone, sorted(routed, key=lambda r: r["set_identifier"])[0], depth)

    def one_set(self, zone: dict, r: dict, depth: int) -> tuple[Answer | None, str]:
        target = r.get("alias_target")
        if not target:
            return Answer(r["ttl"] or 300, ((1, tuple(r["values"])),)), ""
        if depth >= MAX_ALIAS_DEPTH:
            return None, f"alias chain longer than {MAX_ALIAS_DEPTH}"
        name = owner(target.get("DNSName", ""))
        into = self.zone_of(name, target.get("HostedZoneId"), zone)
        if into is None:
            found = aws_target(name, r["type"])
            return found, "" if found else f"alias to AWS resource {name}: the lab has no {r['type']} for it"
        sets = self.sets[into["id"]].get((name, r["type"]))
        if not sets:
            return None, f"alias to {name} {r['type']}, which zone {into['id']} does not hold"
        return self.answer(into, sets, depth + 1)

    def live(self, zone: dict, routed: list[dict], depth: int) -> tuple[list[tuple[dict, Answer]], str]:
        """The sets that answer something, the healthy ones only unless none is."""
        members, why = [], ""
        for r in routed:
            a, reason = self.one_set(zone, r, depth)
            if a is None:
                why = why or reason
            else:
                members.append((r, a))
        return [m for m in members if self.healthy(zone, m[0], depth)] or members, why

    def weighted(self, zone: dict, routed: list[dict], depth: int) -> tuple[Answer | None, str]:
        members, why = self.live(zone, routed, depth)
        if not members:
            return None, why or "no weighted set answers"
        if any(int(r["weight"]) > 0 for r, _ in members):
            members = [(r, a) for r, a in members if int(r["weight"]) > 0]
            weights = [int(r["weight"]) for r, _ in members]
        else:
            weights = [1] * len(members)
        choices = []
        for w, (_, a) in zip(weights, members):
            total = sum(cw for cw, _ in a.choices)
            choices += [(w * cw / total, values) for cw, values in a.choices]
        return Answer(min(a.ttl for _, a in members), tuple(choices)), ""

    def failover(self, zone: dict, routed: list[dict], depth: int) -> tuple[Answer | None, str]:
        role = {r["failover"]: r for r in routed}
        primary, secondary = role.get("PRIMARY"), role.get("SECONDARY")
        for r in (primary, secondary):
            if r is not None and self.healthy(zone, r, depth):
                return self.one_set(zone, r, depth)
        return self.one_set(zone, primary or secondary, depth)  # both unhealthy: Route 53 answers PRIMARY

    def multivalue(self, zone: dict, routed: list[dict], depth: int) -> tuple[Answer | None, str]:
        members, why = self.live(zone, routed, depth)
        values = tuple(dict.fromkeys(v for _, a in members for _, vs in a.choices for v in vs))
        if not values:
            return None, why or "no multivalue set answers"
        sample = MAX_MULTIVALUE if len(values) > MAX_MULTIVALUE else None
        return Answer(min(a.ttl for _, a in members), ((1, values),), sample), ""


# ---------------------------------------------------------------------------
# the zone file


def lua_string(s: str) -> str:
    """s as a Lua expression without ', " or \\ in it, so that it survives
    both the zone file's quoting and Lua's (PowerDNS's zone parser mangles
    escaped quotes inside a LUA record's code)."""
    parts, run = [], ""
    for ch in s:
        if " " <= ch <= "~" and ch not in "'\"\\":
            run += ch
            continue
        if run:
            parts.append(f"'{run}'")
            run = ""
        parts += [f"string.char({b})" for b in ch.encode()]
    if run or not parts:
        parts.append(f"'{run}'")
    return "..".join(parts)


def lua_value(type_: str, value: str) -> str:
    """A value as PowerDNS wants a LUA record to return it: TXT and SPF
    without their outer quotes (PowerDNS adds them), other types as rdata."""
    text = bind_rdata(type_, value)
    if type_ in ("TXT", "SPF") and len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return lua_string(text)


def lua_table(type_: str, values: tuple[str, ...]) -> str:
    return "{" + ",".join(lua_value(type_, v) for v in values) + "}"


def records(name: str, type_: str, a: Answer) -> list[str]:
    """The zone file lines that answer a."""
    if len(a.choices) == 1 and a.sample is None:
        return [f"{name} {a.ttl} IN {type_} {bind_rdata(type_, v)}" for v in a.choices[0][1]]
    if len(a.choices) == 1:
        code = f";return pickrandomsample({a.sample},{lua_table(type_, a.choices[0][1])})"
    else:
        # pickwrandom takes integer weights; those of nested aliases may not be.
        whole = all(float(w).is_integer() for w, _ in a.choices)
        weights = [int(w) if whole else max(1, round(w * 1000)) for w, _ in a.choices]
        table = ",".join(lua_table(type_, values) for _, values in a.choices)
        picks = ",".join(f"{{{w},'{i + 1}'}}" for i, w in enumerate(weights))
        code = f";local c={{{table}}} return c[tonumber(pickwrandom({{{picks}}}))]"
    assert '"' not in code and "\\" not in code, code
    return [f'{name} {a.ttl} IN LUA {type_} "{code}"']


def zone_text(zone: dict, zones: Zones) -> str:
    """zone (from GET /_lab/state, SOA as it should be served) as Route 53 answers it."""
    lines = [f"; hosted zone {zone['id']} of the AWS lab, as Route 53 answers it",
             f"$ORIGIN {absolute(zone['name'])}"]
    for (name, type_), sets in zones.sets[zone["id"]].items():
        a, why = zones.answer(zone, sets)
        if a is None:
            lines.append(f"; {name} {type_}: no answer ({why})")
        else:
            lines += records(name, type_, a)
    return "\n".join(lines) + "\n"
