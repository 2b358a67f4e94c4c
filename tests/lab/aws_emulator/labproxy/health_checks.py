"""Route 53 health checks: the state a test sets (moto checks nothing and
always reports success), what GetHealthCheckStatus says, and the state the
DNS lab answers by (failover, multivalue, weighted sets)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .errors import LabError

if TYPE_CHECKING:
    from .lab import Lab


def _moto_health_checks() -> dict[str, Any]:
    """Every health check moto holds, any account: id -> moto's HealthCheck."""
    from moto.route53.models import route53_backends
    found: dict[str, Any] = {}
    for account in list(route53_backends.keys()):
        try:
            found.update(route53_backends[account]["aws"].health_checks)
        except Exception:  # noqa: BLE001 - an account without a Route 53 backend
            pass
    return found


class HealthChecksMixin:
    """Health checks observed healthy unless a test says otherwise (POST /_lab/health_checks)."""

    def _reset_health(self) -> None:
        self.health_observed: dict[str, bool] = {}  # health check id -> what the checkers see

    def set_health(self: Lab, spec: dict[str, Any]) -> dict[str, Any]:
        hc_id, healthy = spec.get("id"), spec.get("healthy")
        if not isinstance(hc_id, str) or not isinstance(healthy, bool):
            raise LabError(400, "BadHealthCheck", 'give {"id": "<health check id>", "healthy": true|false}')
        if hc_id not in _moto_health_checks():
            raise LabError(404, "NoSuchHealthCheck", f"no health check {hc_id} in any account")
        with self.lock:
            self.health_observed[hc_id] = healthy
        self.bump_generation()  # the DNS lab answers by it: let the bridge notice
        return self.health_states()[hc_id]

    def health_states(self) -> dict[str, dict[str, Any]]:
        """id -> {observed, healthy}: healthy is what Route 53 routes by. As
        Route 53 does, a disabled check counts as healthy and an inverted
        one flips what the checkers observe."""
        out = {}
        with self.lock:
            observed = dict(self.health_observed)
        for hc_id, hc in _moto_health_checks().items():
            seen = observed.get(hc_id, True)
            healthy = True if getattr(hc, "disabled", False) else seen != bool(getattr(hc, "inverted", False))
            out[hc_id] = {"observed": seen, "healthy": healthy}
        return out


def rewrite_health_check_status(lab: Lab, path: str, body: bytes) -> bytes:
    """moto reports every checker's observation as a success; report what the lab holds."""
    hc_id = path.rstrip("/").split("/")[-2]  # /2013-04-01/healthcheck/{Id}/status
    state = lab.health_states().get(hc_id)
    if state is None or state["observed"]:
        return body
    return re.sub(rb"<Status>Success:[^<]*</Status>",
                  b"<Status>Failure: Connection timed out. The endpoint or the internet connection is down, "
                  b"or requests are being blocked by your firewall.</Status>", body)
