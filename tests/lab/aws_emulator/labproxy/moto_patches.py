"""What the lab changes inside moto (in-process): name servers of their own
per zone, the .test TLD, and the duplicate-operation check of Route 53 Domains."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lab import Lab

# The lab whose config the moto patches read (one lab per process).
_ACTIVE_LAB: "Lab | None" = None


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
