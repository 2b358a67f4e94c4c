"""What a request is: its service, operation and parameters, whether it
mutates, and the key the request log uses to spot retries of one request."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.parse
from typing import TYPE_CHECKING, Any

from .domains import DOMAINS_PREFIX

if TYPE_CHECKING:
    from .lab import Lab

SECRET_JSON_FIELDS = {"Password", "AuthCode", "SecretAccessKey", "SessionToken", "FIAuthKey"}

_R53_READ_PREFIXES = ("Get", "List", "Test")


def is_mutating(service: str, operation: str | None, method: str) -> bool:
    if not operation:
        return method not in ("GET", "HEAD")
    if service == "sts":
        return False
    if service == "route53":
        return not operation.startswith(_R53_READ_PREFIXES)
    return not operation.startswith(("Get", "List", "Describe", "Check", "View"))


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
    if b"Version=2010-08-01" in body:
        return "monitoring"
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
    if service == "monitoring":
        # botocore speaks CloudWatch's smithy-rpc-v2-cbor (the operation in the path) or
        # JSON (in X-Amz-Target); cutover speaks its Query protocol (Action in the form).
        if "/operation/" in path:
            return path.rsplit("/operation/", 1)[1], {}
        target = next((v for k, v in headers if k.lower() == "x-amz-target"), "")
        if target:
            return target.rsplit(".", 1)[-1], {}
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
