"""The lab's control API error and the AWS error bodies (XML for Route 53, RDS,
STS and CloudWatch's Query protocol, JSON for Route 53 Domains)."""

from __future__ import annotations

import json
import re

R53_NS = "https://route53.amazonaws.com/doc/2013-04-01/"
RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/"
STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
MONITORING_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/"


class LabError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _xml_error(service: str, code: str, message: str, request_id: str, sender: bool = True) -> bytes:
    ns = {"route53": R53_NS, "rds": RDS_NS, "sts": STS_NS, "monitoring": MONITORING_NS}.get(service, R53_NS)
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


def status_response(service: str, status: int, request_id: str) -> tuple[int, dict[str, str], bytes]:
    code = "ServiceUnavailable" if status == 503 else "InternalFailure"
    return error_response(service, status, code, f"injected HTTP {status}", request_id)


def _xml_text(text: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>([^<]*)</{tag}>", text)
    return m.group(1) if m else None
