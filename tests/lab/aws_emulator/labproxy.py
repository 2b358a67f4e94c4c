"""The AWS lab's proxy: SigV4 verification, request log, fault injection,
lasting PENDING/creating states and the Route 53 Domains transfer operations,
in front of a moto server running in the same process.

Only the standard library, botocore and moto. See README.md for the interface.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import http.client
import http.server
import json
import re
import secrets
import socket
import string
import sys
import threading
import time
import traceback
import urllib.parse
import uuid
from typing import Any

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

# ---------------------------------------------------------------------------
# Fixed lab identities

ACCOUNT_OLD = "111111111111"
ACCOUNT_NEW = "222222222222"
ROLE_ARN_NEW = f"arn:aws:iam::{ACCOUNT_NEW}:role/CutoverLab"

STATIC_KEYS = {
    "AKIDLABOLD": {"secret": "lab-old-secret-key-0000000000000000000000", "account": ACCOUNT_OLD,
                   "token": None, "profile": "old"},
    "AKIDLABNEW": {"secret": "lab-new-secret-key-0000000000000000000000", "account": ACCOUNT_NEW,
                   "token": None, "profile": "new"},
}
ACCOUNT_ALIASES = {"old": ACCOUNT_OLD, "new": ACCOUNT_NEW}

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

# The lab whose config the moto patches read (one lab per process).
_ACTIVE_LAB: "Lab | None" = None

R53_NS = "https://route53.amazonaws.com/doc/2013-04-01/"
RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/"
STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
DOMAINS_PREFIX = "Route53Domains_v20140515."
TRANSFER_OPS = {
    "EnableDomainTransferLock",
    "DisableDomainTransferLock",
    "TransferDomainToAnotherAwsAccount",
    "AcceptDomainTransferFromAnotherAwsAccount",
    "RejectDomainTransferFromAnotherAwsAccount",
    "CancelDomainTransferToAnotherAwsAccount",
}
SECRET_JSON_FIELDS = {"Password", "AuthCode", "SecretAccessKey", "SessionToken", "FIAuthKey"}
AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)/(\d{8})/([^/,\s]+)/([^/,\s]+)/aws4_request\s*,"
    r"\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$"
)


def utcnow_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


# ---------------------------------------------------------------------------
# Route 53 operation lookup from botocore's model


class Route53Ops:
    def __init__(self) -> None:
        model = botocore.session.get_session().get_service_model("route53")
        self.table: list[tuple[str, re.Pattern[str], int, str]] = []
        for name in model.operation_names:
            http = model.operation_model(name).http
            uri = http["requestUri"].split("?")[0]
            literal = 0
            parts = []
            for seg in re.split(r"(\{[^}]+\})", uri):
                if seg.startswith("{"):
                    parts.append("(.+)" if seg.endswith("+}") else "([^/]+)")
                else:
                    parts.append(re.escape(seg))
                    literal += len(seg)
            rx = re.compile("^" + "".join(parts) + "/?$")
            self.table.append((http["method"], rx, literal, name))

    def lookup(self, method: str, path: str) -> str | None:
        best = None
        for m, rx, literal, name in self.table:
            if m == method and rx.match(path):
                if best is None or literal > best[0]:
                    best = (literal, name)
        return best[1] if best else None


_R53_READ_PREFIXES = ("Get", "List", "Test")


def is_mutating(service: str, operation: str | None, method: str) -> bool:
    if not operation:
        return method not in ("GET", "HEAD")
    if service == "sts":
        return False
    if service == "route53":
        return not operation.startswith(_R53_READ_PREFIXES)
    return not operation.startswith(("Get", "List", "Describe", "Check", "View"))


# ---------------------------------------------------------------------------
# Error bodies


def _xml_error(service: str, code: str, message: str, request_id: str, sender: bool = True) -> bytes:
    ns = {"route53": R53_NS, "rds": RDS_NS, "sts": STS_NS}.get(service, R53_NS)
    typ = "Sender" if sender else "Receiver"
    msg = (message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    body = (f'<?xml version="1.0"?>\n<ErrorResponse xmlns="{ns}"><Error><Type>{typ}</Type>'
            f"<Code>{code}</Code><Message>{msg}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>")
    return body.encode()


def error_response(service: str, status: int, code: str, message: str, request_id: str,
                   json_code: str | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {"x-amzn-RequestId": request_id}
    if service == "route53domains":
        headers["Content-Type"] = "application/x-amz-json-1.1"
        body = json.dumps({"__type": json_code or code, "message": message}).encode()
    else:
        headers["Content-Type"] = "text/xml"
        body = _xml_error(service, code, message, request_id, sender=status < 500)
    return status, headers, body


def throttle_response(service: str, request_id: str) -> tuple[int, dict[str, str], bytes]:
    return error_response(service, 400, "Throttling", "Rate exceeded", request_id,
                          json_code="ThrottlingException")


def fault_response(fault: dict[str, Any], service: str, request_id: str) -> tuple[int, dict[str, str], bytes]:
    if fault["kind"] == "throttle":
        return throttle_response(service, request_id)
    if fault["kind"] == "error":
        return error_response(service, fault["status"], fault["code"], fault["message"], request_id)
    return status_response(service, fault["status"], request_id)


def status_response(service: str, status: int, request_id: str) -> tuple[int, dict[str, str], bytes]:
    code = "ServiceUnavailable" if status == 503 else "InternalFailure"
    return error_response(service, status, code, f"injected HTTP {status}", request_id)


# ---------------------------------------------------------------------------
# moto patches (in-process)


def _lab_name_servers() -> list[str] | None:
    """The next zone's own name servers, when the lab is configured to hand them out."""
    lab = _ACTIVE_LAB
    if lab is None or not lab.config.get("route53_nameserver_domain"):
        return None
    with lab.lock:
        lab.delegation_sets += 1
        k = lab.delegation_sets
    domain = lab.config["route53_nameserver_domain"]
    return [f"ns-{2 * k - 1}.awsdns-{k:02d}.{domain}", f"ns-{2 * k}.awsdns-{k:02d}.{domain}"]


def _patch_moto() -> None:
    from moto.route53.models import DelegationSet
    from moto.route53domains.models import Route53DomainsBackend

    moto_delegation_init = DelegationSet.__init__

    def delegation_init(self: Any, caller_reference: str, name_servers: list[str] | None,
                        delegation_set_id: str | None) -> None:
        moto_delegation_init(self, caller_reference, name_servers or _lab_name_servers(), delegation_set_id)

    DelegationSet.__init__ = delegation_init

    # RFC 2606 reserves .test for testing; the lab registers its domains there
    # so that its own root and TLD can serve their delegations.
    from moto.route53domains import validators
    if "test" not in validators.AWS_SUPPORTED_TLDS:
        validators.AWS_SUPPORTED_TLDS = (*validators.AWS_SUPPORTED_TLDS, "test")

    def validate_duplicate(self: Any, requested: Any) -> None:
        from moto.route53domains.exceptions import DuplicateRequestException
        ops = self._Route53DomainsBackend__operations
        for op in ops.values():
            if (op.domain_name == requested.domain_name and op.type == requested.type
                    and op.status in ("SUBMITTED", "IN_PROGRESS")):
                raise DuplicateRequestException()

    Route53DomainsBackend._Route53DomainsBackend__validate_duplicate_operations = validate_duplicate


def _domains_backend(account: str) -> Any:
    from moto.route53domains.models import route53domains_backends
    return route53domains_backends[account]["aws"]


def _domains_of(account: str) -> dict[str, Any]:
    return _domains_backend(account)._Route53DomainsBackend__domains


def _operations_of(account: str) -> dict[str, Any]:
    return _domains_backend(account)._Route53DomainsBackend__operations


def _new_operation(domain: str, type_: str, status: str, flag: str | None, message: str | None) -> Any:
    from moto.route53domains.validators import Route53DomainsOperation
    return Route53DomainsOperation.validate(domain_name=domain, status=status, type_=type_,
                                            message=message, status_flag=flag)


TRANSFER_LOCK = "clientTransferProhibited"


def _set_transfer_lock(domain: Any, locked: bool) -> None:
    """The transfer lock as Route 53 Domains shows it: a status in GetDomainDetail's StatusList."""
    statuses = [x for x in (domain.status_list or []) if x != TRANSFER_LOCK]
    domain.status_list = statuses + [TRANSFER_LOCK] if locked else statuses


def _lab_contact() -> Any:
    from moto.route53domains.validators import Route53DomainsContactDetail
    return Route53DomainsContactDetail.validate(
        first_name="Lab", last_name="Owner", contact_type="PERSON", email="owner@example.com",
        phone_number="+1.5555550100", address_line_1="1 Lab Road", city="Lab",
        country_code="US", zip_code="00000", state="CA")


# ---------------------------------------------------------------------------
# The lab state


class LabError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class Lab:
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

    def add_fault(self, spec: dict[str, Any]) -> dict[str, Any]:
        kind = spec.get("kind")
        if kind not in ("throttle", "status", "error", "latency", "reset"):
            raise LabError(400, "BadFault", "kind must be throttle, status, error, latency or reset")
        if kind == "error" and not spec.get("code"):
            raise LabError(400, "BadFault", "kind error needs a code")
        fault = {
            "service": spec.get("service"),
            "operation": spec.get("operation"),
            "account": ACCOUNT_ALIASES.get(spec.get("account"), spec.get("account")),
            "kind": kind,
            "status": int(spec.get("status", 400 if kind == "error" else 503)),
            "code": spec.get("code"),
            "message": spec.get("message") or "injected by the AWS lab",
            "latency_ms": int(spec.get("latency_ms", 0)),
            "count": int(spec.get("count", 1)),
            "after": bool(spec.get("after", False)),
            "retry_after": spec.get("retry_after"),
        }
        with self.lock:
            self.fault_seq += 1
            fault["id"] = self.fault_seq
            self.faults.append(fault)
        return fault

    def take_fault(self, service: str, operation: str | None, account: str | None) -> dict[str, Any] | None:
        with self.lock:
            for f in self.faults:
                if f["count"] <= 0:
                    continue
                if f["service"] and f["service"] != service:
                    continue
                if f["operation"] and f["operation"] != operation:
                    continue
                if f["account"] and f["account"] != account:
                    continue
                f["count"] -= 1
                taken = dict(f)
                self.faults = [x for x in self.faults if x["count"] > 0]
                return taken
        return None

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

    def add_key(self, spec: dict[str, Any]) -> dict[str, Any]:
        akid, secret = spec.get("access_key_id"), spec.get("secret_access_key")
        account = ACCOUNT_ALIASES.get(spec.get("account"), spec.get("account"))
        if not akid or not secret or not account or not re.fullmatch(r"\d{12}", str(account)):
            raise LabError(400, "BadCredentials", "need access_key_id, secret_access_key, account (12 digits)")
        with self.lock:
            self.keys[akid] = {"secret": secret, "account": account,
                               "token": spec.get("session_token"), "profile": None}
        return {"access_key_id": akid, "account": account}

    def seed_domain(self, spec: dict[str, Any]) -> dict[str, Any]:
        from moto.route53domains.validators import Route53Domain
        account = ACCOUNT_ALIASES.get(spec.get("account"), spec.get("account"))
        domain = str(spec.get("domain", "")).rstrip(".").lower()
        if not account or not re.fullmatch(r"\d{12}", str(account)) or not domain:
            raise LabError(400, "BadDomain", "need account (old, new or 12 digits) and domain")
        ns = [n if isinstance(n, dict) else {"Name": n} for n in spec.get("nameservers") or []]
        c = _lab_contact()
        with self.lock:
            for acct in self.all_accounts():
                if domain in _domains_of(acct) and acct != account:
                    raise LabError(409, "DomainTaken", f"{domain} is registered in account {acct}")
            try:
                d = Route53Domain.validate(domain_name=domain, admin_contact=c, registrant_contact=c,
                                           tech_contact=c, nameservers=ns or None)
            except Exception as e:  # noqa: BLE001 - moto's ValidationException and friends
                raise LabError(400, "BadDomain", f"moto refused the domain: {getattr(e, 'errors', e)}") from None
            _set_transfer_lock(d, True)  # Route 53 Domains registers with the lock on
            _domains_of(account)[domain] = d
            self.generation += 1
        return {"account": account, "domain": domain,
                "nameservers": [n.name for n in d.nameservers]}

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

    # --- time-driven state ------------------------------------------------
    def tick(self) -> None:
        now = time.time()
        with self.lock:
            for domain, t in list(self.transfers.items()):
                if t["state"] == "accepted" and now >= t["complete_at"]:
                    src, dst = t["from_account"], t["to_account"]
                    d = _domains_of(src).pop(domain, None)
                    if d is not None:
                        _domains_of(dst)[domain] = d
                    stamp = _dt.datetime.fromtimestamp(t["complete_at"], _dt.timezone.utc)
                    for acct, op_id in ((src, t["operation_out"]), (dst, t["operation_in"])):
                        op = _operations_of(acct).get(op_id)
                        if op is not None:
                            op.status, op.status_flag, op.last_updated_date = "SUCCESSFUL", None, stamp
                            op.message = f"Domain Transfer from Aws Account {src} to {dst} has been completed"
                    t["state"] = "completed"
                    del self.transfers[domain]
                    self.generation += 1

    # --- Route 53 admission: rate, prior request, batch size ---------------------
    def route53_admission(self, account: str, operation: str | None, path: str,
                          body: bytes) -> tuple[str, str, str] | None:
        """None to let the request through, else (fault label, error code, message)."""
        now = time.time()
        with self.lock:
            rate = self.config["route53_rate_per_second"]
            if rate > 0:
                cap = self.config["route53_burst"] or rate
                tokens, last = self.buckets.get(account, (cap, now))
                tokens = min(cap, tokens + (now - last) * rate)
                if tokens < 1.0:
                    self.buckets[account] = (tokens, now)
                    return "rate_limit", "Throttling", "Rate exceeded"
                self.buckets[account] = (tokens - 1.0, now)
            if operation == "CreateHostedZone":
                m = re.search(rb"<CallerReference>([^<]*)</CallerReference>", body)
                ref = m.group(1).decode("utf-8", "replace") if m else None
                if ref is not None and _zone_with_caller_reference(account, ref):
                    return ("", "HostedZoneAlreadyExists",
                            "A hosted zone has already been created with the specified caller reference.")
                return None
            if operation != "ChangeResourceRecordSets":
                return None
            zone = _zone_of(path)
            if self.config["prior_request_not_complete"] and zone in self.zone_last_change:
                c = self.changes.get(self.zone_last_change[zone])
                if c is not None and now < c["insync_at"]:
                    return ("prior_request", "PriorRequestNotComplete",
                            "The request was rejected because Route 53 was still processing a prior request.")
            limit = self.config["route53_max_value_chars"]
        if limit > 0:
            chars = _change_batch_value_chars(body)
            if chars > limit:
                return ("batch_limit", "InvalidChangeBatch",
                        f"Number of characters in the Value elements of the request ({chars}, UPSERT counted "
                        f"twice) exceeds the limit of {int(limit)}")
        return None

    # --- Route 53 change ids -----------------------------------------------
    def new_change(self) -> tuple[str, str, str]:
        cid = "C" + "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(19))
        now = time.time()
        with self.lock:
            pending = self.config["change_pending_seconds"]
            self.changes[cid] = {"submitted": now, "insync_at": now + pending,
                                 "submitted_at": _dt.datetime.fromtimestamp(now, _dt.timezone.utc)
                                 .strftime("%Y-%m-%dT%H:%M:%S.%fZ")}
        return cid, ("PENDING" if pending > 0 else "INSYNC"), self.changes[cid]["submitted_at"]

    def change_status(self, cid: str) -> tuple[str, str] | None:
        with self.lock:
            c = self.changes.get(cid)
        if c is None:
            return None
        return ("PENDING" if time.time() < c["insync_at"] else "INSYNC"), c["submitted_at"]

    # --- RDS creating ------------------------------------------------------
    def mark_creating(self, account: str, region: str, kind: str, ident: str) -> None:
        key = "cluster_creating_seconds" if kind == "cluster" else "instance_creating_seconds"
        with self.lock:
            delay = self.config[key]
            if delay > 0:
                self.creating[(account, region, kind, ident.lower())] = time.time() + delay

    def is_creating(self, account: str, region: str, kind: str, ident: str) -> bool:
        with self.lock:
            ready = self.creating.get((account, region, kind, ident.lower()))
        return ready is not None and time.time() < ready

    # --- STS-issued credentials ------------------------------------------
    def learn_sts_credentials(self, body: bytes, caller_account: str) -> None:
        text = body.decode("utf-8", "replace")
        akid = _xml_text(text, "AccessKeyId")
        secret = _xml_text(text, "SecretAccessKey")
        token = _xml_text(text, "SessionToken")
        if not (akid and secret):
            return
        account = caller_account
        arn = _xml_text(text, "Arn") or ""
        m = re.match(r"arn:[^:]+:(?:sts|iam)::(\d{12}):", arn)
        if m:
            account = m.group(1)
        with self.lock:
            self.keys[akid] = {"secret": secret, "account": account, "token": token, "profile": None}

    # --- Domains transfers (called with the verified caller account) ---------
    def domains_transfer_op(self, op: str, account: str, params: dict[str, Any]) -> dict[str, Any]:
        self.tick()
        domain = str(params.get("DomainName") or "").rstrip(".").lower()
        if not domain:
            raise LabError(400, "InvalidInput", "DomainName is required")
        now_dt = _dt.datetime.now(_dt.timezone.utc)
        with self.lock:
            t = self.transfers.get(domain)
            if op in ("EnableDomainTransferLock", "DisableDomainTransferLock"):
                if domain not in _domains_of(account):
                    raise LabError(400, "InvalidInput", f"Domain {domain} is not registered to the current AWS account")
                _set_transfer_lock(_domains_of(account)[domain], op == "EnableDomainTransferLock")
                self.generation += 1
                opr = _new_operation(domain, "DOMAIN_LOCK", "SUCCESSFUL", None, None)
                _operations_of(account)[opr.id] = opr
                return {"OperationId": opr.id}
            if op == "TransferDomainToAnotherAwsAccount":
                target = str(params.get("AccountId") or "")
                if not re.fullmatch(r"\d{12}", target):
                    raise LabError(400, "InvalidInput", "AccountId must be 12 digits")
                if domain not in _domains_of(account):
                    raise LabError(400, "InvalidInput", f"Domain {domain} is not registered to the current AWS account")
                if target == account:
                    raise LabError(400, "InvalidInput", "Cannot transfer a domain to the account that owns it")
                if t is not None:
                    raise LabError(400, "DuplicateRequest", "A transfer of this domain is already in progress")
                password = (secrets.token_urlsafe(9) + "'" + secrets.token_urlsafe(6))
                opr = _new_operation(domain, "INTERNAL_TRANSFER_OUT_DOMAIN", "IN_PROGRESS",
                                     "PENDING_ACCEPTANCE", None)
                _operations_of(account)[opr.id] = opr
                self.transfers[domain] = {
                    "domain": domain, "from_account": account, "to_account": target,
                    "password": password, "operation_out": opr.id, "operation_in": None,
                    "state": "pending_acceptance", "submitted": time.time(), "complete_at": None,
                }
                return {"OperationId": opr.id, "Password": password}

            if op == "AcceptDomainTransferFromAnotherAwsAccount":
                if t is None or t["state"] != "pending_acceptance" or t["to_account"] != account:
                    raise LabError(400, "InvalidInput", f"No transfer of {domain} to this account is pending")
                given = params.get("Password")
                if not isinstance(given, str) or not secrets.compare_digest(given.encode(), t["password"].encode()):
                    raise LabError(400, "InvalidInput", "The password is not valid")
                opr = _new_operation(domain, "INTERNAL_TRANSFER_IN_DOMAIN", "IN_PROGRESS", None, None)
                _operations_of(account)[opr.id] = opr
                out = _operations_of(t["from_account"]).get(t["operation_out"])
                if out is not None:
                    out.status_flag, out.last_updated_date = None, now_dt
                t["operation_in"] = opr.id
                t["state"] = "accepted"
                t["complete_at"] = time.time() + self.config["domain_operation_seconds"]
                result = {"OperationId": opr.id}
            elif op in ("RejectDomainTransferFromAnotherAwsAccount", "CancelDomainTransferToAnotherAwsAccount"):
                reject = op.startswith("Reject")
                side = "to_account" if reject else "from_account"
                if t is None or t["state"] != "pending_acceptance" or t[side] != account:
                    raise LabError(400, "InvalidInput", f"No pending transfer of {domain} for this account")
                out = _operations_of(t["from_account"]).get(t["operation_out"])
                what = "rejected" if reject else "cancelled"
                if out is not None:
                    out.status, out.status_flag, out.last_updated_date = "FAILED", None, now_dt
                    out.message = f"Domain Transfer from Aws Account {t['from_account']} has been {what}"
                del self.transfers[domain]
                return {"OperationId": t["operation_out"]}
            else:
                raise LabError(400, "InvalidInput", f"unknown operation {op}")
        self.tick()
        return result


def _zone_with_caller_reference(account: str, ref: str) -> bool:
    from moto.route53.models import route53_backends
    if account not in route53_backends:
        return False
    zones = route53_backends[account]["aws"].zones
    return any(getattr(z, "caller_reference", None) == ref for z in list(zones.values()))


def _zone_of(path: str) -> str:
    m = re.match(r"^/2013-04-01/hostedzone/([^/]+)", path)
    return urllib.parse.unquote(m.group(1)) if m else ""


def _change_batch_value_chars(body: bytes) -> int:
    import xml.etree.ElementTree as ET
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return 0
    total = 0
    for change in root.iter():
        if not change.tag.endswith("}Change") and change.tag != "Change":
            continue
        action = next((c.text for c in change if c.tag.split("}")[-1] == "Action"), "")
        n = sum(len(v.text or "") for v in change.iter() if v.tag.split("}")[-1] == "Value")
        total += 2 * n if (action or "").strip() == "UPSERT" else n
    return total


def invalid_change_batch(message: str, request_id: str) -> tuple[int, dict[str, str], bytes]:
    msg = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = (f'<?xml version="1.0"?>\n<InvalidChangeBatch xmlns="{R53_NS}"><Messages><Message>{msg}</Message>'
            f"</Messages><RequestId>{request_id}</RequestId></InvalidChangeBatch>").encode()
    return 400, {"Content-Type": "text/xml", "x-amzn-RequestId": request_id}, body


def _rrset_json(r: Any) -> dict[str, Any]:
    values = []
    for v in getattr(r, "records", None) or []:
        values.append(v.get("Value") if isinstance(v, dict) else v)
    out = {"name": r.name, "type": r.type, "ttl": int(r.ttl) if r.ttl else None, "values": values}
    for attr, key in (("set_identifier", "set_identifier"), ("weight", "weight"),
                      ("alias_target", "alias_target")):
        v = getattr(r, attr, None)
        if v is not None:
            out[key] = v
    return out


def _xml_text(text: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>([^<]*)</{tag}>", text)
    return m.group(1) if m else None


# ---------------------------------------------------------------------------
# SigV4 verification with botocore


class SigError(Exception):
    def __init__(self, code: str, message: str, json_code: str | None = None):
        super().__init__(message)
        self.code, self.message, self.json_code = code, message, json_code or code


class _Verifier(SigV4Auth):
    """botocore's signer, but over exactly the headers the client listed in SignedHeaders.

    botocore itself never signs user-agent, expect, ... (its blacklist); AWS accepts a
    signature over them, so the verifier must too. The request given to it holds only
    the signed headers.
    """

    def headers_to_sign(self, request: AWSRequest) -> HTTPHeaders:
        hm = HTTPHeaders()
        for name, value in request.headers.items():
            hm[name.lower()] = value
        return hm


def verify_sigv4(lab: Lab, method: str, raw_path: str, headers: list[tuple[str, str]],
                 body: bytes) -> tuple[str, dict[str, Any], str, str]:
    """Returns (access key id, key record, region, service) or raises SigError."""
    auth_values = [v for k, v in headers if k.lower() == "authorization"]
    if len(auth_values) != 1:
        raise SigError("MissingAuthenticationToken", "Request is missing Authentication Token",
                       "MissingAuthenticationTokenException")
    m = AUTH_RE.match(auth_values[0].strip())
    if not m:
        raise SigError("IncompleteSignature", "Authorization header is not a valid AWS4-HMAC-SHA256 header",
                       "IncompleteSignatureException")
    akid, datestamp, region, service, signed_headers, signature = m.groups()
    with lab.lock:
        key = lab.keys.get(akid)
        key = dict(key) if key else None
        skew_limit = lab.config["max_clock_skew_seconds"]
    if key is None:
        raise SigError("InvalidClientTokenId", "The security token included in the request is invalid.",
                       "UnrecognizedClientException")
    if service in ("route53", "route53domains") and region != "us-east-1":
        raise SigError("SignatureDoesNotMatch",
                       f"Credential should be scoped to a valid region, not '{region}'. "
                       f"{service} is signed for us-east-1.", "InvalidSignatureException")
    signed = signed_headers.split(";")
    if signed != sorted(signed) or "host" not in signed:
        raise SigError("SignatureDoesNotMatch", "SignedHeaders must be sorted and include host",
                       "InvalidSignatureException")
    hmap: dict[str, list[str]] = {}
    for k, v in headers:
        hmap.setdefault(k.lower(), []).append(v)
    for h in signed:
        if h not in hmap:
            raise SigError("SignatureDoesNotMatch", f"Signed header {h} is not in the request",
                           "InvalidSignatureException")
    amzdate = (hmap.get("x-amz-date") or [None])[0]
    if not amzdate or "x-amz-date" not in signed:
        raise SigError("IncompleteSignature", "X-Amz-Date must be present and signed",
                       "IncompleteSignatureException")
    try:
        when = _dt.datetime.strptime(amzdate, "%Y%m%dT%H%M%SZ").replace(tzinfo=_dt.timezone.utc)
    except ValueError:
        raise SigError("IncompleteSignature", "X-Amz-Date is not in the form YYYYMMDDTHHMMSSZ",
                       "IncompleteSignatureException") from None
    if amzdate[:8] != datestamp:
        raise SigError("SignatureDoesNotMatch", "Credential scope date does not match X-Amz-Date",
                       "InvalidSignatureException")
    skew = abs((_dt.datetime.now(_dt.timezone.utc) - when).total_seconds())
    if skew > skew_limit:
        raise SigError("SignatureDoesNotMatch", f"Signature expired: {amzdate} is more than "
                       f"{int(skew_limit)} s from the lab's clock", "InvalidSignatureException")
    token = (hmap.get("x-amz-security-token") or [None])[0]
    if key["token"]:
        if token is None:
            raise SigError("InvalidClientTokenId", "The security token included in the request is invalid.",
                           "UnrecognizedClientException")
        if "x-amz-security-token" not in signed:
            raise SigError("SignatureDoesNotMatch", "X-Amz-Security-Token is not signed",
                           "InvalidSignatureException")
        if not secrets.compare_digest(token.encode(), key["token"].encode()):
            raise SigError("InvalidClientTokenId", "The security token included in the request is invalid.",
                           "UnrecognizedClientException")
    elif token is not None:
        raise SigError("InvalidClientTokenId", "The security token included in the request is invalid.",
                       "UnrecognizedClientException")
    content_sha = (hmap.get("x-amz-content-sha256") or [None])[0]
    if content_sha is not None and content_sha != hashlib.sha256(body).hexdigest():
        raise SigError("SignatureDoesNotMatch", "x-amz-content-sha256 does not match the body",
                       "InvalidSignatureException")

    host = hmap["host"][0]
    path, _, query = raw_path.partition("?")
    params = []
    if query:
        for pair in query.split("&"):
            k, _, v = pair.partition("=")
            params.append((urllib.parse.unquote(k), urllib.parse.unquote(v)))
    hh = HTTPHeaders()
    for k, v in headers:
        if k.lower() in signed:
            hh.add_header(k.lower(), v)
    req = AWSRequest(method=method, url=f"http://{host}{path}", headers=hh, data=body,
                     params=params or None)
    req.context["timestamp"] = amzdate
    signer = _Verifier(Credentials(akid, key["secret"], key["token"]), service, region)
    canonical = signer.canonical_request(req)
    expected = signer.signature(signer.string_to_sign(req, canonical), req)
    if not secrets.compare_digest(expected, signature):
        raise SigError("SignatureDoesNotMatch",
                       "The request signature we calculated does not match the signature you provided. "
                       "Check your AWS Secret Access Key and signing method.",
                       "InvalidSignatureException")
    return akid, key, region, service


def guess_service(headers: list[tuple[str, str]], path: str, body: bytes) -> str:
    for k, v in headers:
        if k.lower() == "authorization":
            m = re.search(r"Credential=[^/]+/\d{8}/[^/]+/([^/]+)/", v)
            if m:
                return m.group(1)
        if k.lower() == "x-amz-target" and v.startswith(DOMAINS_PREFIX):
            return "route53domains"
    if path.startswith("/2013-04-01/"):
        return "route53"
    if b"Version=2011-06-15" in body:
        return "sts"
    if b"Version=2014-10-31" in body:
        return "rds"
    return "unknown"


def operation_of(lab: Lab, service: str, method: str, path: str, query: str,
                 headers: list[tuple[str, str]], body: bytes) -> tuple[str | None, dict[str, Any]]:
    """Operation name and its parsed parameters (Query/JSON)."""
    if service == "route53":
        return lab.r53ops.lookup(method, path), {}
    if service == "route53domains":
        target = next((v for k, v in headers if k.lower() == "x-amz-target"), "")
        try:
            params = json.loads(body or b"{}")
            if not isinstance(params, dict):
                params = {}
        except ValueError:
            params = {}
        return (target[len(DOMAINS_PREFIX):] if target.startswith(DOMAINS_PREFIX) else None), params
    form = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
    ctype = next((v for k, v in headers if k.lower() == "content-type"), "")
    if body and "x-www-form-urlencoded" in ctype:
        form.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return form.get("Action"), form


def idempotency_key(service: str, operation: str | None, path: str, body: bytes,
                    params: dict[str, Any]) -> str | None:
    if service == "route53" and operation == "CreateHostedZone":
        m = re.search(rb"<CallerReference>([^<]*)</CallerReference>", body)
        if m:
            return "CallerReference:" + m.group(1).decode("utf-8", "replace")
    if service == "route53domains":
        clean = {k: v for k, v in params.items() if k not in SECRET_JSON_FIELDS}
        material = json.dumps(clean, sort_keys=True).encode()
    elif service in ("rds", "sts"):
        clean = {k: v for k, v in params.items() if k not in ("Policy",)}
        material = json.dumps(clean, sort_keys=True).encode()
    else:
        material = body
    h = hashlib.sha256(f"{service}\n{operation}\n{path}\n".encode() + material).hexdigest()
    return "sha256:" + h[:32]


# ---------------------------------------------------------------------------
# Response rewriting


def rewrite_route53(lab: Lab, operation: str | None, path: str, status: int,
                    body: bytes, request_id: str) -> tuple[int, bytes, dict[str, str]]:
    extra: dict[str, str] = {}
    if status // 100 != 2:
        return status, body, extra
    text = body.decode("utf-8", "replace")
    if operation in ("ChangeResourceRecordSets", "CreateHostedZone", "DeleteHostedZone"):
        cid, st, submitted_at = lab.new_change()
        if operation == "ChangeResourceRecordSets":
            with lab.lock:
                lab.zone_last_change[_zone_of(path)] = cid

        def fix(m: re.Match[str]) -> str:
            block = m.group(0)
            block = re.sub(r"<Id>[^<]*</Id>", f"<Id>/change/{cid}</Id>", block, count=1)
            block = re.sub(r"<Status>[^<]*</Status>", f"<Status>{st}</Status>", block, count=1)
            block = re.sub(r"<SubmittedAt>[^<]*</SubmittedAt>", f"<SubmittedAt>{submitted_at}</SubmittedAt>",
                           block, count=1)
            return block
        text = re.sub(r"<ChangeInfo>.*?</ChangeInfo>", fix, text, count=1, flags=re.S)
        return status, text.encode(), extra
    if operation == "GetChange":
        cid = urllib.parse.unquote(path.rstrip("/").rsplit("/", 1)[-1])
        found = lab.change_status(cid)
        if found is None:
            s, h, b = error_response("route53", 404, "NoSuchChange",
                                     f"A change with the specified change ID does not exist: {cid}", request_id)
            return s, b, h
        st, submitted_at = found
        text = re.sub(r"<Status>[^<]*</Status>", f"<Status>{st}</Status>", text, count=1)
        text = re.sub(r"<Id>[^<]*</Id>", f"<Id>/change/{cid}</Id>", text, count=1)
        text = re.sub(r"<SubmittedAt>[^<]*</SubmittedAt>", f"<SubmittedAt>{submitted_at}</SubmittedAt>",
                      text, count=1)
        return status, text.encode(), extra
    return status, body, extra


_RDS_CREATE_CLUSTER = {"CreateDBCluster", "RestoreDBClusterToPointInTime", "RestoreDBClusterFromSnapshot",
                       "RestoreDBClusterFromS3"}
_RDS_CREATE_INSTANCE = {"CreateDBInstance", "CreateDBInstanceReadReplica", "RestoreDBInstanceFromDBSnapshot",
                        "RestoreDBInstanceToPointInTime"}


def rewrite_rds(lab: Lab, operation: str | None, account: str, region: str, status: int,
                body: bytes, params: dict[str, Any]) -> bytes:
    if status // 100 != 2:
        return body
    text = body.decode("utf-8", "replace")
    if operation in _RDS_CREATE_CLUSTER:
        ident = _xml_text(text, "DBClusterIdentifier") or params.get("DBClusterIdentifier")
        if ident:
            lab.mark_creating(account, region, "cluster", ident)
            if lab.is_creating(account, region, "cluster", ident):
                text = _set_status_in_blocks(text, "DBCluster", "DBClusterIdentifier", "Status",
                                             lambda i: True, only_available=False)
        return text.encode()
    if operation in _RDS_CREATE_INSTANCE:
        ident = params.get("DBInstanceIdentifier") or _xml_text(text, "DBInstanceIdentifier")
        if ident:
            lab.mark_creating(account, region, "instance", ident)
            if lab.is_creating(account, region, "instance", ident):
                text = _set_status_in_blocks(text, "DBInstance", "DBInstanceIdentifier", "DBInstanceStatus",
                                             lambda i: True, only_available=False)
        return text.encode()
    if operation == "DescribeDBClusters":
        text = _set_status_in_blocks(text, "DBCluster", "DBClusterIdentifier", "Status",
                                     lambda i: lab.is_creating(account, region, "cluster", i))
        return _paginate(text, "DBClusters", "DBCluster", "DescribeDBClustersResult", params).encode()
    if operation == "DescribeDBInstances":
        text = _set_status_in_blocks(text, "DBInstance", "DBInstanceIdentifier", "DBInstanceStatus",
                                     lambda i: lab.is_creating(account, region, "instance", i))
        return _paginate(text, "DBInstances", "DBInstance", "DescribeDBInstancesResult", params).encode()
    return body


_RDS_PAGINATED = ("DescribeDBClusters", "DescribeDBInstances")
_MARKER_RE = re.compile(r"^lab/(\d+)=$")


def rds_precheck(operation: str | None, params: dict[str, Any]) -> tuple[str, str] | None:
    """MaxRecords and Marker of the Describe calls the lab paginates (moto ignores both)."""
    if operation not in _RDS_PAGINATED:
        return None
    raw = params.get("MaxRecords")
    if raw is not None:
        try:
            n = int(raw)
        except ValueError:
            n = -1
        if not 20 <= n <= 100:
            return "InvalidParameterValue", f"Invalid value {raw} for MaxRecords. Must be between 20 and 100"
    marker = params.get("Marker")
    if marker and not _MARKER_RE.match(marker):
        return "InvalidParameterValue", f"Invalid marker: {marker}"
    return None


def _paginate(text: str, list_tag: str, item_tag: str, result_tag: str, params: dict[str, Any]) -> str:
    """One page of MaxRecords (default 100) items from Marker on, and the next Marker if more remain."""
    max_records = int(params.get("MaxRecords") or 100)
    m = _MARKER_RE.match(params.get("Marker") or "")
    offset = int(m.group(1)) if m else 0
    lm = re.search(rf"<{list_tag}>(.*)</{list_tag}>", text, re.S)
    if lm is None:
        return text
    items = re.findall(rf"<{item_tag}>.*?</{item_tag}>", lm.group(1), re.S)
    page = items[offset:offset + max_records]
    text = text[:lm.start(1)] + "".join(page) + text[lm.end(1):]
    text = re.sub(r"<Marker>[^<]*</Marker>", "", text)
    if offset + max_records < len(items):
        text = text.replace(f"</{result_tag}>", f"<Marker>lab/{offset + max_records}=</Marker></{result_tag}>", 1)
    return text


def _set_status_in_blocks(text: str, element: str, id_tag: str, status_tag: str, pred: Any,
                          only_available: bool = True) -> str:
    def fix(m: re.Match[str]) -> str:
        block = m.group(0)
        ident = _xml_text(block, id_tag)
        if ident is None or not pred(ident):
            return block
        if only_available:
            return block.replace(f"<{status_tag}>available</{status_tag}>",
                                 f"<{status_tag}>creating</{status_tag}>", 1)
        return re.sub(rf"<{status_tag}>[^<]*</{status_tag}>", f"<{status_tag}>creating</{status_tag}>",
                      block, count=1)
    return re.sub(rf"<{element}>.*?</{element}>", fix, text, flags=re.S)


# ---------------------------------------------------------------------------
# HTTP server

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailer", "trailers", "transfer-encoding", "upgrade", "content-length", "date", "server"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cutover-aws-lab/1"
    lab: Lab  # set on the subclass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet; we keep our own log
        pass

    def _read_body(self) -> bytes:
        te = (self.headers.get("Transfer-Encoding") or "").lower()
        if "chunked" in te:
            out = bytearray()
            while True:
                line = self.rfile.readline(65537)
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline(65537)
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, obj: Any) -> None:
        self._send(status, {"Content-Type": "application/json"}, json.dumps(obj, indent=1).encode())

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        try:
            body = self._read_body()
        except Exception:  # noqa: BLE001
            self.close_connection = True
            return
        if self.path.startswith("/_lab/") or self.path == "/_lab":
            try:
                self._control(body)
            except LabError as e:
                self._json(e.status, {"error": e.code, "message": e.message})
            except Exception as e:  # noqa: BLE001
                traceback.print_exc()
                self._json(500, {"error": "InternalError", "message": str(e)})
            return
        try:
            self._proxy(body)
        except Exception:  # noqa: BLE001
            traceback.print_exc()
            rid = str(uuid.uuid4())
            self._send(*error_response("route53", 500, "InternalFailure", "lab proxy error", rid))

    # --- control API --------------------------------------------------------
    def _control(self, body: bytes) -> None:
        lab = self.lab
        url = urllib.parse.urlsplit(self.path)
        path = url.path.rstrip("/")
        q = dict(urllib.parse.parse_qsl(url.query))
        method = self.command
        spec: Any = {}
        if body:
            try:
                spec = json.loads(body)
            except ValueError:
                raise LabError(400, "BadJSON", "body is not JSON") from None
        if path == "/_lab/health" and method == "GET":
            return self._json(200, {"ok": True, "moto_port": lab.moto_port})
        if path == "/_lab/log":
            if method == "GET":
                since = int(q.get("since", 0))
                with lab.lock:
                    entries = [e for e in lab.log if e["seq"] > since]
                return self._json(200, entries)
            if method == "DELETE":
                with lab.lock:
                    lab.log = []
                    if lab.log_path:
                        open(lab.log_path, "w").close()
                return self._json(200, {"ok": True})
        if path == "/_lab/faults":
            if method == "POST":
                specs = spec if isinstance(spec, list) else [spec]
                added = [lab.add_fault(s) for s in specs]
                return self._json(200, added if isinstance(spec, list) else added[0])
            if method == "GET":
                with lab.lock:
                    return self._json(200, list(lab.faults))
            if method == "DELETE":
                with lab.lock:
                    lab.faults = []
                return self._json(200, {"ok": True})
        if path == "/_lab/config":
            if method == "POST":
                return self._json(200, lab.set_config(spec if isinstance(spec, dict) else {}))
            if method == "GET":
                with lab.lock:
                    return self._json(200, dict(lab.config))
        if path == "/_lab/credentials" and method == "POST":
            return self._json(200, lab.add_key(spec if isinstance(spec, dict) else {}))
        if path == "/_lab/domains" and method == "POST":
            return self._json(200, lab.seed_domain(spec if isinstance(spec, dict) else {}))
        if path == "/_lab/state" and method == "GET":
            return self._json(200, lab.state())
        if path == "/_lab/reset" and method == "POST":
            lab.reset()
            return self._json(200, {"ok": True})
        raise LabError(404, "NotFound", f"no control endpoint {method} {path}")

    # --- proxied AWS request -------------------------------------------------
    def _proxy(self, body: bytes) -> None:
        lab = self.lab
        t0 = time.time()
        lab.tick()
        raw_path = self.path
        path, _, query = raw_path.partition("?")
        headers = list(self.headers.items())
        request_id = str(uuid.uuid4())
        entry: dict[str, Any] = {
            "time": utcnow_iso(), "method": self.command, "path": path,
            "access_key_id": None, "account": None, "service": None, "operation": None,
            "status": None, "signature_valid": False, "signature_error": None, "mutating": None,
            "idempotency_key": None, "fault": None, "error_code": None, "forwarded": False,
        }
        service = guess_service(headers, path, body)
        entry["service"] = service
        try:
            operation, params = operation_of(lab, service, self.command, path, query, headers, body)
        except Exception:  # noqa: BLE001
            operation, params = None, {}
        entry["operation"] = operation
        entry["mutating"] = is_mutating(service, operation, self.command)
        if entry["mutating"]:
            entry["idempotency_key"] = idempotency_key(service, operation, path, body, params)
        m = re.search(r"Credential=([^/,\s]+)/", self.headers.get("Authorization") or "")
        if m:
            entry["access_key_id"] = m.group(1)

        def finish(status: int, hdrs: dict[str, str], out: bytes, error_code: str | None = None) -> None:
            entry["status"] = status
            entry["error_code"] = error_code or _error_code_of(out, status)
            entry["duration_ms"] = round((time.time() - t0) * 1000, 1)
            lab.record(entry)
            hdrs.setdefault("x-amzn-RequestId", request_id)
            self._send(status, hdrs, out)

        try:
            akid, key, region, signed_service = verify_sigv4(lab, self.command, raw_path, headers, body)
        except SigError as e:
            entry["signature_error"] = e.message
            code = e.json_code if service == "route53domains" else e.code
            s, h, b = error_response(service, 403, code, e.message, request_id, json_code=e.json_code)
            return finish(s, h, b, code)
        entry["signature_valid"] = True
        account = key["account"]
        entry["account"] = account

        fault = lab.take_fault(service, operation, account)
        if fault:
            entry["fault"] = fault["kind"]
            fh: dict[str, str] = {}
            if fault.get("retry_after") is not None:
                fh["Retry-After"] = str(fault["retry_after"])
            if fault["kind"] == "latency":
                time.sleep(fault["latency_ms"] / 1000.0)
            elif fault["kind"] == "reset":
                entry["status"] = 0
                entry["duration_ms"] = round((time.time() - t0) * 1000, 1)
                lab.record(entry)
                self.close_connection = True
                try:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            elif not fault["after"]:
                s, h, b = fault_response(fault, service, request_id)
                h.update(fh)
                return finish(s, h, b)

        if service == "route53":
            refused = lab.route53_admission(account, operation, path, body)
            if refused:
                label, code, message = refused
                entry["fault"] = label or None
                if code == "InvalidChangeBatch":
                    s, h, b = invalid_change_batch(message, request_id)
                else:
                    status = 409 if code == "HostedZoneAlreadyExists" else 400
                    s, h, b = error_response(service, status, code, message, request_id)
                return finish(s, h, b, code)

        if service == "rds":
            refused_rds = rds_precheck(operation, params)
            if refused_rds:
                s, h, b = error_response(service, 400, refused_rds[0], refused_rds[1], request_id)
                return finish(s, h, b, refused_rds[0])

        # Operations the proxy implements itself
        if service == "route53domains" and operation in TRANSFER_OPS:
            entry["forwarded"] = False
            try:
                result = lab.domains_transfer_op(operation, account, params)
                out = json.dumps(result).encode()
                s, h = 200, {"Content-Type": "application/x-amz-json-1.1"}
            except LabError as e:
                s, h, out = error_response(service, e.status, e.code, e.message, request_id)
        else:
            try:
                s, h, out = self._forward(raw_path, headers, body, account)
            except OSError as e:  # moto unreachable or too slow: answer, and log it
                s, h, out = error_response(service, 502, "InternalFailure", f"lab: moto did not answer: {e}",
                                           request_id)
                return finish(s, h, out, "InternalFailure")
            entry["forwarded"] = True
            if service == "route53":
                s, out, extra = rewrite_route53(lab, operation, path, s, out, request_id)
                h.update(extra)
            elif service == "rds":
                out = rewrite_rds(lab, operation, account, region, s, out, params)
            elif service == "sts" and s == 200 and b"<Credentials>" in out:
                lab.learn_sts_credentials(out, account)
        if s // 100 == 2 and entry["mutating"]:
            lab.bump_generation()
        if fault and fault["after"] and fault["kind"] in ("throttle", "status", "error"):
            s, h, out = fault_response(fault, service, request_id)
            h.update(fh)
        finish(s, h, out)

    def _forward(self, raw_path: str, headers: list[tuple[str, str]], body: bytes,
                 account: str) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.lab.moto_port, timeout=120)
        try:
            out_headers = {}
            for k, v in headers:
                lk = k.lower()
                if lk in HOP_BY_HOP or lk in ("x-moto-account-id", "expect"):
                    continue
                out_headers[k] = v
            out_headers["x-moto-account-id"] = account
            out_headers["Content-Length"] = str(len(body))
            conn.request(self.command, raw_path, body=body, headers=out_headers)
            resp = conn.getresponse()
            data = resp.read()
            rh = {}
            for k, v in resp.getheaders():
                if k.lower() not in HOP_BY_HOP:
                    rh[k] = v
            return resp.status, rh, data
        finally:
            conn.close()


def _error_code_of(body: bytes, status: int) -> str | None:
    if status < 400:
        return None
    m = re.search(rb"<Code>([^<]+)</Code>", body)
    if m:
        return m.group(1).decode()
    m = re.search(rb'"__type"\s*:\s*"([^"]+)"', body)
    if m:
        return m.group(1).decode().split("#")[-1].split(":")[0]
    m = re.match(rb"\s*(?:<\?xml[^>]*>\s*)?<(\w+)", body)
    return m.group(1).decode() if m else None


class LabServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(port: int, log_path: str | None, ready_cb: Any = None) -> None:
    from moto.server import ThreadedMotoServer

    _patch_moto()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    moto_port = moto.get_host_and_port()[1]
    lab = Lab(log_path, moto_port)
    global _ACTIVE_LAB
    _ACTIVE_LAB = lab
    if log_path:
        open(log_path, "a").close()
    handler = type("LabHandler", (Handler,), {"lab": lab})
    server = LabServer(("127.0.0.1", port), handler)
    if ready_cb:
        ready_cb(server.server_address[1], moto_port)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        try:
            moto.stop()
        except Exception:  # noqa: BLE001
            pass
        sys.stderr.flush()
