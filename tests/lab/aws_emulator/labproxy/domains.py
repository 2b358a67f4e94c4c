"""Route 53 Domains: domains seeded into an account, the transfer lock, and
transfers between accounts (which moto does not implement), completed by tick()."""

from __future__ import annotations

import datetime as _dt
import re
import secrets
import time
from typing import Any

from .errors import LabError
from .identities import ACCOUNT_ALIASES

DOMAINS_PREFIX = "Route53Domains_v20140515."
TRANSFER_OPS = {
    "EnableDomainTransferLock",
    "DisableDomainTransferLock",
    "TransferDomainToAnotherAwsAccount",
    "AcceptDomainTransferFromAnotherAwsAccount",
    "RejectDomainTransferFromAnotherAwsAccount",
    "CancelDomainTransferToAnotherAwsAccount",
}


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



class DomainsMixin:
    """Lab's domains and transfers."""

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
