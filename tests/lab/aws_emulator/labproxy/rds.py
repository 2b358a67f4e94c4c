"""RDS: clusters and instances that stay "creating" for a while, and the
pagination (MaxRecords, Marker) moto ignores."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from .errors import _xml_text

if TYPE_CHECKING:
    from .lab import Lab


class RdsMixin:
    """Lab's creating clusters and instances."""

    # --- RDS creating ------------------------------------------------------
    def mark_creating(self, account: str, region: str, kind: str, ident: str) -> None:
        key = "cluster_creating_seconds" if kind == "cluster" else "instance_creating_seconds"
        with self.lock:
            delay = self.config[key]
            if delay > 0:
                self.creating[(account, region, kind, ident.lower())] = time.time() + delay

    def is_creating(self, account: str, region: str, kind: str, ident: str) -> bool:
        with self.lock:
            ready = self.creating.get((account, region, kind, ident.lower()))
        return ready is not None and time.time() < ready


_RDS_CREATE_CLUSTER = {"CreateDBCluster", "RestoreDBClusterToPointInTime", "RestoreDBClusterFromSnapshot",
                       "RestoreDBClusterFromS3"}
_RDS_CREATE_INSTANCE = {"CreateDBInstance", "CreateDBInstanceReadReplica", "RestoreDBInstanceFromDBSnapshot",
                        "RestoreDBInstanceToPointInTime"}


# Per kind: the response's block, its identifier tag and its status tag.
_RDS_BLOCKS = {"cluster": ("DBCluster", "DBClusterIdentifier", "Status"),
               "instance": ("DBInstance", "DBInstanceIdentifier", "DBInstanceStatus")}


def _report_creating(lab: Lab, account: str, region: str, kind: str, ident: str | None, text: str) -> str:
    """Keeps a resource just created `creating` for the configured time, and
    says so in the create call's own response (as AWS does)."""
    if not ident:
        return text
    lab.mark_creating(account, region, kind, ident)
    if lab.is_creating(account, region, kind, ident):
        text = _set_status_in_blocks(text, *_RDS_BLOCKS[kind], lambda i: True, only_available=False)
    return text


def rewrite_rds(lab: Lab, operation: str | None, account: str, region: str, status: int,
                body: bytes, params: dict[str, Any]) -> bytes:
    if status // 100 != 2:
        return body
    text = body.decode("utf-8", "replace")
    if operation in _RDS_CREATE_CLUSTER:
        ident = _xml_text(text, "DBClusterIdentifier") or params.get("DBClusterIdentifier")
        return _report_creating(lab, account, region, "cluster", ident, text).encode()
    if operation in _RDS_CREATE_INSTANCE:
        ident = params.get("DBInstanceIdentifier") or _xml_text(text, "DBInstanceIdentifier")
        return _report_creating(lab, account, region, "instance", ident, text).encode()
    if operation == "DescribeDBClusters":
        text = _set_status_in_blocks(text, *_RDS_BLOCKS["cluster"],
                                     lambda i: lab.is_creating(account, region, "cluster", i))
        return _paginate(text, "DBClusters", "DBCluster", "DescribeDBClustersResult", params).encode()
    if operation == "DescribeDBInstances":
        text = _set_status_in_blocks(text, *_RDS_BLOCKS["instance"],
                                     lambda i: lab.is_creating(account, region, "instance", i))
        return _paginate(text, "DBInstances", "DBInstance", "DescribeDBInstancesResult", params).encode()
    return body


_RDS_PAGINATED = ("DescribeDBClusters", "DescribeDBInstances")
_MARKER_RE = re.compile(r"^lab/(\d+)=$")


def rds_precheck(operation: str | None, params: dict[str, Any]) -> tuple[str, str] | None:
    """MaxRecords and Marker of the Describe calls the lab paginates (moto ignores both)."""
    if operation not in _RDS_PAGINATED:
        return None
    raw = params.get("MaxRecords")
    if raw is not None:
        try:
            n = int(raw)
        except ValueError:
            n = -1
        if not 20 <= n <= 100:
            return "InvalidParameterValue", f"Invalid value {raw} for MaxRecords. Must be between 20 and 100"
    marker = params.get("Marker")
    if marker and not _MARKER_RE.match(marker):
        return "InvalidParameterValue", f"Invalid marker: {marker}"
    return None


def _paginate(text: str, list_tag: str, item_tag: str, result_tag: str, params: dict[str, Any]) -> str:
    """One page of MaxRecords (default 100) items from Marker on, and the next Marker if more remain."""
    max_records = int(params.get("MaxRecords") or 100)
    m = _MARKER_RE.match(params.get("Marker") or "")
    offset = int(m.group(1)) if m else 0
    lm = re.search(rf"<{list_tag}>(.*)</{list_tag}>", text, re.S)
    if lm is None:
        return text
    items = re.findall(rf"<{item_tag}>.*?</{item_tag}>", lm.group(1), re.S)
    page = items[offset:offset + max_records]
    text = text[:lm.start(1)] + "".join(page) + text[lm.end(1):]
    text = re.sub(r"<Marker>[^<]*</Marker>", "", text)
    if offset + max_records < len(items):
        text = text.replace(f"</{result_tag}>", f"<Marker>lab/{offset + max_records}=</Marker></{result_tag}>", 1)
    return text


def _set_status_in_blocks(text: str, element: str, id_tag: str, status_tag: str, pred: Any,
                          only_available: bool = True) -> str:
    def fix(m: re.Match[str]) -> str:
        block = m.group(0)
        ident = _xml_text(block, id_tag)
        if ident is None or not pred(ident):
            return block
        if only_available:
            return block.replace(f"<{status_tag}>available</{status_tag}>",
                                 f"<{status_tag}>creating</{status_tag}>", 1)
        return re.sub(rf"<{status_tag}>[^<]*</{status_tag}>", f"<{status_tag}>creating</{status_tag}>",
                      block, count=1)
    return re.sub(rf"<{element}>.*?</{element}>", fix, text, flags=re.S)
