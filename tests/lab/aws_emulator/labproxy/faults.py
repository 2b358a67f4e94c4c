"""Fault injection: faults armed through /_lab/faults (throttle, status,
error, latency, reset), taken by the requests they match."""

from __future__ import annotations

from typing import Any

from .errors import LabError, error_response, status_response, throttle_response
from .identities import ACCOUNT_ALIASES


class FaultsMixin:
    """Lab's armed faults."""

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


def fault_response(fault: dict[str, Any], service: str, request_id: str) -> tuple[int, dict[str, str], bytes]:
    if fault["kind"] == "throttle":
        return throttle_response(service, request_id)
    if fault["kind"] == "error":
        return error_response(service, fault["status"], fault["code"], fault["message"], request_id)
    return status_response(service, fault["status"], request_id)
