"""The lab's state: config, request log and generation, over the concerns
(identities, faults, Route 53 and its health checks, Route 53 Domains,
RDS) it is made of."""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from typing import Any

from .domains import TRANSFER_LOCK, DomainsMixin, _domains_of
from .errors import LabError
from .faults import FaultsMixin
from .health_checks import HealthChecksMixin
from .identities import ACCOUNT_NEW, ACCOUNT_OLD, STATIC_KEYS, IdentitiesMixin
from .rds import RdsMixin
from .route53 import Route53Mixin, Route53Ops, _rrset_json

DEFAULT_CONFIG = {
    "change_pending_seconds": 0.0,
    "cluster_creating_seconds": 0.0,
    "instance_creating_seconds": 0.0,
    "domain_operation_seconds": 0.0,
    "max_clock_skew_seconds": 300.0,
    # Route 53 request rate per account (token bucket), 0 = no limit.
    "route53_rate_per_second": 0.0,
    "route53_burst": 0.0,
    # 1 = ChangeResourceRecordSets on a zone whose last change is still PENDING
    # gets 400 PriorRequestNotComplete.
    "prior_request_not_complete": 0.0,
    # Sum of Value characters per ChangeResourceRecordSets (UPSERT counts twice), 0 = off.
    "route53_max_value_chars": 32000.0,
    # A domain (e.g. "test"): every new hosted zone gets name servers of its
    # own under it (ns-1.awsdns-01.test, ns-2.awsdns-01.test, then -02...),
    # so a lab can serve each zone from its own servers. "" = moto's four
    # fixed names, shared by every zone.
    "route53_nameserver_domain": "",
}


class Lab(IdentitiesMixin, FaultsMixin, Route53Mixin, HealthChecksMixin, DomainsMixin, RdsMixin):
    def __init__(self, log_path: str | None, moto_port: int) -> None:
        self.lock = threading.RLock()
        self.log_path = log_path
        self.moto_port = moto_port
        self.r53ops = Route53Ops()
        self.seq = 0
        self.generation = 0
        self._reset_state()

    def _reset_state(self) -> None:
        self.log: list[dict[str, Any]] = []
        self.faults: list[dict[str, Any]] = []
        self.fault_seq = 0
        self.config = dict(DEFAULT_CONFIG)
        self.keys: dict[str, dict[str, Any]] = {k: dict(v) for k, v in STATIC_KEYS.items()}
        self.changes: dict[str, dict[str, Any]] = {}  # bare change id -> {submitted, insync_at}
        self.creating: dict[tuple[str, str, str, str], float] = {}  # (acct, region, kind, id) -> ready_at
        self.transfers: dict[str, dict[str, Any]] = {}  # domain -> transfer
        self.buckets: dict[str, tuple[float, float]] = {}  # account -> (tokens, last refill)
        self.zone_last_change: dict[str, str] = {}  # bare zone id -> bare change id
        self.delegation_sets = 0  # name server sets handed out under route53_nameserver_domain
        self._reset_health()

    # --- control ---------------------------------------------------------
    def reset(self) -> None:
        with self.lock:
            self._reset_state()
            self.generation += 1
            if self.log_path:
                open(self.log_path, "w").close()
        conn = http.client.HTTPConnection("127.0.0.1", self.moto_port, timeout=30)
        try:
            conn.request("POST", "/moto-api/reset", body=b"")
            conn.getresponse().read()
        finally:
            conn.close()


    def set_config(self, values: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            for k, v in values.items():
                if k not in DEFAULT_CONFIG:
                    raise LabError(400, "BadConfig", f"unknown config key {k}")
                if isinstance(DEFAULT_CONFIG[k], str):
                    if not isinstance(v, str) or not re.fullmatch(r"([a-z0-9-]+\.)*[a-z0-9-]*", v):
                        raise LabError(400, "BadConfig", f"{k} must be a domain name like \"test\"")
                    self.config[k] = v.strip(".").lower()
                    continue
                try:
                    self.config[k] = float(v)
                except (TypeError, ValueError):
                    raise LabError(400, "BadConfig", f"{k} must be a number") from None
            return dict(self.config)

    def all_accounts(self) -> list[str]:
        from moto.route53domains.models import route53domains_backends
        accts = {ACCOUNT_OLD, ACCOUNT_NEW}
        accts.update(k["account"] for k in self.keys.values())
        accts.update(route53domains_backends.keys())
        return sorted(accts)

    def state(self) -> dict[str, Any]:
        from moto.route53.models import route53_backends
        self.tick()
        out: dict[str, Any] = {"accounts": {}, "transfers": [], "changes": {}, "config": {}}
        with self.lock:
            out["generation"] = self.generation
            for acct in self.all_accounts():
                zones = []
                try:
                    for z in route53_backends[acct]["aws"].zones.values():
                        zones.append({"id": z.id, "name": z.name, "private": bool(z.private_zone),
                                      "caller_reference": z.caller_reference,
                                      "records": [_rrset_json(r) for r in z.rrsets]})
                except Exception:  # noqa: BLE001 - state is best effort
                    pass
                domains = {}
                for name, d in _domains_of(acct).items():
                    domains[name] = {"nameservers": [n.name for n in d.nameservers],
                                     "transfer_lock": TRANSFER_LOCK in (d.status_list or [])}
                out["accounts"][acct] = {"hosted_zones": zones, "domains": domains}
            for t in self.transfers.values():
                t2 = {k: v for k, v in t.items() if k != "password"}
                t2["password"] = "<redacted>"
                out["transfers"].append(t2)
            now = time.time()
            out["changes"] = {cid: ("PENDING" if now < c["insync_at"] else "INSYNC")
                              for cid, c in self.changes.items()}
            out["config"] = dict(self.config)
        out["health_checks"] = self.health_states()
        return out

    def bump_generation(self) -> None:
        with self.lock:
            self.generation += 1

    # --- log -------------------------------------------------------------
    def record(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.seq += 1
            entry["seq"] = self.seq
            self.log.append(entry)
            if self.log_path:
                with open(self.log_path, "a") as f:
                    f.write(json.dumps(entry, sort_keys=True) + "\n")
