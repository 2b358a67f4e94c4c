"""The lab's fixed identities (two accounts, their static keys, the role in the
new account) and the keys it learns from STS responses."""

from __future__ import annotations

import re
from typing import Any

from .errors import LabError, _xml_text

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


class IdentitiesMixin:
    """Lab's keys: added through the control API or learned from STS."""

    def add_key(self, spec: dict[str, Any]) -> dict[str, Any]:
        akid, secret = spec.get("access_key_id"), spec.get("secret_access_key")
        account = ACCOUNT_ALIASES.get(spec.get("account"), spec.get("account"))
        if not akid or not secret or not account or not re.fullmatch(r"\d{12}", str(account)):
            raise LabError(400, "BadCredentials", "need access_key_id, secret_access_key, account (12 digits)")
        with self.lock:
            self.keys[akid] = {"secret": secret, "account": account,
                               "token": spec.get("session_token"), "profile": None}
        return {"access_key_id": akid, "account": account}


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
