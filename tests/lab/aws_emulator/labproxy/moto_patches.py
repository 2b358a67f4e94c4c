"""What the lab changes inside moto (in-process): name servers of their own
per zone, the .test TLD, the duplicate-operation check of Route 53 Domains,
record set identity (name, type and SetIdentifier) in Route 53 changes,
aliases listed without a TTL, and CreateHealthCheck's CallerReference."""

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

    _patch_record_set_identity()
    _patch_health_check_reference()


def _patch_health_check_reference() -> None:
    """Route 53 returns the existing check for a CallerReference used again
    with the same settings, and refuses it with other settings; moto makes a
    second check either way."""
    from moto.route53.exceptions import Route53ClientError
    from moto.route53.models import Route53Backend

    moto_create = Route53Backend.create_health_check

    def create_health_check(self: Any, caller_reference: str, health_check_args: dict[str, Any]) -> Any:
        made = moto_create(self, caller_reference, health_check_args)
        for hc_id, hc in list(self.health_checks.items()):
            if hc is made or hc.caller_reference != caller_reference:
                continue
            del self.health_checks[made.id]
            if hc.health_check_config != made.health_check_config:
                raise Route53ClientError("HealthCheckAlreadyExists",
                                         f"A health check with CallerReference {caller_reference} already exists "
                                         f"({hc_id}) with other settings")
            return hc
        return made

    Route53Backend.create_health_check = create_health_check


def _same_set(record: Any, name: str, rtype: str, set_identifier: str | None) -> bool:
    return (record.name.lower() == name.lower() and record.type == rtype
            and (record.set_identifier or None) == (set_identifier or None))


def _patch_record_set_identity() -> None:
    """Route 53 tells record sets apart by name, type and SetIdentifier. moto
    5.2.1 lets a CREATE add a second set of the same identity (unless an
    identical change came before), deletes a routing set by its identifier
    alone (every set of that identifier, under any name) and a simple set by
    name and type (its routing siblings too). The lab does as Route 53 does."""
    from moto.route53.exceptions import ResourceRecordAlreadyExists
    from moto.route53.models import FakeZone, Route53Backend

    moto_change = Route53Backend.change_resource_record_sets

    def change_resource_record_sets(self: Any, zoneid: str, change_list: list[dict[str, Any]]) -> None:
        zone = self.get_hosted_zone(zoneid)
        deleted: set[tuple[str, str, str | None]] = set()  # a DELETE then CREATE in one batch replaces
        for value in change_list:
            rs = value["ResourceRecordSet"]
            name = rs["Name"] if rs["Name"].endswith(".") else rs["Name"] + "."
            identity = (name.lower(), rs["Type"], rs.get("SetIdentifier"))
            if value["Action"] == "DELETE":
                deleted.add(identity)
            elif value["Action"] == "CREATE" and identity not in deleted and any(
                    _same_set(r, name, rs["Type"], rs.get("SetIdentifier")) for r in zone.rrsets):
                raise ResourceRecordAlreadyExists(name=name, _type=rs["Type"])
        moto_change(self, zoneid, change_list)

    def delete_rrset(self: Any, rrset: dict[str, Any]) -> None:
        name = rrset["Name"] if rrset["Name"].endswith(".") else rrset["Name"] + "."
        self.rrsets = [r for r in self.rrsets if not _same_set(r, name, rrset.get("Type"), rrset.get("SetIdentifier"))]

    # moto calls delete_rrset_by_id(identifier) for a DELETE with a SetIdentifier:
    # the change's name and type are not passed, so the whole set is matched here.
    def change_with_precise_deletes(self: Any, zoneid: str, change_list: list[dict[str, Any]]) -> None:
        zone = self.get_hosted_zone(zoneid)
        deletes = [c["ResourceRecordSet"] for c in change_list
                   if c["Action"] == "DELETE" and "SetIdentifier" in c["ResourceRecordSet"]]
        zone._lab_pending_deletes = deletes
        try:
            change_resource_record_sets(self, zoneid, change_list)
        finally:
            zone._lab_pending_deletes = []

    def delete_rrset_by_id(self: Any, set_identifier: str) -> None:
        for rrset in getattr(self, "_lab_pending_deletes", []):
            if rrset.get("SetIdentifier") == set_identifier:
                delete_rrset(self, rrset)
                self._lab_pending_deletes.remove(rrset)
                return

    Route53Backend.change_resource_record_sets = change_with_precise_deletes
    FakeZone.delete_rrset = delete_rrset
    FakeZone.delete_rrset_by_id = delete_rrset_by_id

    # An alias has no TTL: Route 53 lists it without one, moto with <TTL>0</TTL>.
    from moto.route53.models import RecordSet
    moto_record_init = RecordSet.__init__

    def record_init(self: Any, kwargs: dict[str, Any]) -> None:
        moto_record_init(self, kwargs)
        if "AliasTarget" in kwargs and "TTL" not in kwargs:
            self.ttl = None

    RecordSet.__init__ = record_init
