"""Route 53: operations looked up in botocore's model, admission (rate limit,
PriorRequestNotComplete, batch size, CallerReference), change ids that stay
PENDING, and the responses rewritten to show them."""

from __future__ import annotations

import datetime as _dt
import re
import secrets
import string
import time
import urllib.parse
from typing import TYPE_CHECKING, Any

import botocore.session

from .errors import R53_NS, error_response

if TYPE_CHECKING:
    from .lab import Lab


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


class Route53Mixin:
    """Lab's Route 53 admission and change ids."""

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
                      ("alias_target", "alias_target"), ("failover", "failover"), ("region", "region"),
                      ("geo_location", "geo_location"), ("multi_value_answer", "multi_value_answer"),
                      ("health_check_id", "health_check_id")):
        v = getattr(r, attr, None)
        if v is not None:
            out[key] = v
    return out



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
