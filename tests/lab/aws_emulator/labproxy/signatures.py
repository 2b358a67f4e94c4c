"""SigV4 verification with botocore: the lab refuses what AWS would refuse."""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import secrets
import urllib.parse
from typing import TYPE_CHECKING, Any

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

if TYPE_CHECKING:
    from .lab import Lab

AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)/(\d{8})/([^/,\s]+)/([^/,\s]+)/aws4_request\s*,"
    r"\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$"
)


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
