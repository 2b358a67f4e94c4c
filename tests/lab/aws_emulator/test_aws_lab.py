"""Tests of the AWS lab itself, run by ctest against the `aws_lab` fixture.

The lab directory comes from AWS_LAB_DIR (the fixture's DIR/env.json). When it
is not set (run by hand: `python3 -m unittest -v test_aws_lab` in this folder),
a private lab is started in a temporary directory and stopped at the end.

Every test resets the lab first and last; everything talks to 127.0.0.1 only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
OLD, NEW = "111111111111", "222222222222"
HAVE_AWS_CLI = shutil.which("aws") is not None

_private_lab: str | None = None
_lab_info: dict | None = None


def setUpModule() -> None:  # noqa: N802
    global _private_lab, _lab_info
    lab_dir = os.environ.get("AWS_LAB_DIR")
    if not lab_dir:
        _private_lab = tempfile.mkdtemp(prefix="awslab-test-")
        lab_dir = _private_lab
        subprocess.run([sys.executable, os.path.join(HERE, "aws_lab.py"), "start", "--dir", lab_dir],
                       check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(lab_dir, "env.json")) as f:
        _lab_info = json.load(f)
    assert _lab_info["AWS_LAB_URL"].startswith("http://127.0.0.1:")


def tearDownModule() -> None:  # noqa: N802
    if _private_lab:
        subprocess.run([sys.executable, os.path.join(HERE, "aws_lab.py"), "stop", "--dir", _private_lab],
                       check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(_private_lab, ignore_errors=True)


def info() -> dict:
    assert _lab_info is not None
    return _lab_info


def control(method: str, path: str, body: object | None = None) -> object:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(info()["AWS_LAB_URL"] + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def lab_log() -> list[dict]:
    return control("GET", "/_lab/log")  # type: ignore[return-value]


def client(service: str, profile: str = "old", secret: str | None = None, max_attempts: int = 1,
           region: str = "us-east-1", token: str | None = None, akid: str | None = None):
    keys = info()["keys"][profile]
    session = botocore.session.Session()
    return session.create_client(
        service, region_name=region, endpoint_url=info()["AWS_ENDPOINT_URL"],
        aws_access_key_id=akid or keys["access_key_id"],
        aws_secret_access_key=secret or keys["secret_access_key"],
        aws_session_token=token,
        config=Config(retries={"mode": "standard", "total_max_attempts": max_attempts},
                      connect_timeout=10, read_timeout=60))


class LabTestCase(unittest.TestCase):
    def setUp(self) -> None:
        control("POST", "/_lab/reset")
        self.home = tempfile.mkdtemp(prefix="awslab-home-")  # the CLI's role-credential cache lives here

    def tearDown(self) -> None:
        control("POST", "/_lab/reset")
        shutil.rmtree(self.home, ignore_errors=True)

    def cli_env(self, extra: dict | None = None) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        for k, v in info().items():
            if k.startswith("AWS_") and isinstance(v, str):
                env[k] = v
        env["HOME"] = self.home
        env["AWS_PAGER"] = ""  # AWS CLI v2 would otherwise page its output
        env.update(extra or {})
        return env

    def aws(self, *args: str, profile: str | None = None, check: bool = True, extra_env: dict | None = None,
            endpoint: bool = False) -> subprocess.CompletedProcess:
        cmd = ["aws", "--output", "json"]
        if profile:
            cmd += ["--profile", profile]
        if endpoint:
            # AWS CLI v1 replaces the endpoint of `rds` in us-east-1 with rds.amazonaws.com
            # unless --endpoint-url is given (awscli/customizations/overridesslcommonname.py).
            cmd += ["--endpoint-url", info()["AWS_ENDPOINT_URL"]]
        cmd += list(args)
        p = subprocess.run(cmd, env=self.cli_env(extra_env), capture_output=True, text=True, timeout=120)
        if check and p.returncode != 0:
            self.fail(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
        return p

    def aws_json(self, *args: str, **kw: object) -> dict:
        p = self.aws(*args, **kw)  # type: ignore[arg-type]
        return json.loads(p.stdout) if p.stdout.strip() else {}

    def assert_all_signatures_valid(self, entries: list[dict]) -> None:
        self.assertTrue(entries, "the proxy logged no request")
        bad = [e for e in entries if not e["signature_valid"]]
        self.assertEqual(bad, [], "requests the proxy could not verify")

    def assert_no_mutation_twice(self, entries: list[dict]) -> None:
        seen: dict[str, int] = {}
        for e in entries:
            if e["mutating"] and e["forwarded"]:
                seen[e["idempotency_key"]] = seen.get(e["idempotency_key"], 0) + 1
        self.assertEqual({k: n for k, n in seen.items() if n > 1}, {})

    def poll(self, fn, want, timeout: float = 30.0, interval: float = 0.5):  # type: ignore[no-untyped-def]
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            last = fn()
            if last == want:
                return last
            time.sleep(interval)
        self.fail(f"still {last!r} after {timeout} s, wanted {want!r}")


@unittest.skipUnless(HAVE_AWS_CLI, "the aws CLI is not installed")
class TestAwsCliThroughProxy(LabTestCase):
    """The real AWS CLI's requests pass the proxy's SigV4 check, in both accounts."""

    def test_sts_identities_and_role_profile(self) -> None:
        self.assertEqual(self.aws_json("sts", "get-caller-identity")["Account"], OLD)
        self.assertEqual(self.aws_json("sts", "get-caller-identity", profile="new")["Account"], NEW)
        ident = self.aws_json("sts", "get-caller-identity", profile="new-role")
        self.assertEqual(ident["Account"], NEW)
        self.assertIn(":assumed-role/CutoverLab/", ident["Arn"])

        creds = self.aws_json("sts", "assume-role", "--role-arn", info()["role_arn"],
                              "--role-session-name", "lab-test")["Credentials"]
        env = {"AWS_ACCESS_KEY_ID": creds["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": creds["SecretAccessKey"],
               "AWS_SESSION_TOKEN": creds["SessionToken"]}
        self.assertEqual(self.aws_json("sts", "get-caller-identity", extra_env=env)["Account"], NEW)
        # The same temporary key with a wrong session token is refused.
        env["AWS_SESSION_TOKEN"] = "not-the-token"
        p = self.aws("sts", "get-caller-identity", extra_env=env, check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("InvalidClientTokenId", p.stderr)

        log = lab_log()
        self.assert_all_signatures_valid(log[:-1])
        self.assertFalse(log[-1]["signature_valid"])
        self.assertEqual(log[-1]["status"], 403)
        self.assertEqual([e["operation"] for e in log].count("AssumeRole"), 2)
        temp = [e for e in log if e["access_key_id"] == creds["AccessKeyId"]]
        self.assertEqual([(e["account"], e["status"]) for e in temp], [(NEW, 200), (None, 403)])
        with open(info()["log"]) as f:
            raw = f.read()
        for secret in (creds["SecretAccessKey"], creds["SessionToken"], info()["keys"]["old"]["secret_access_key"]):
            self.assertNotIn(secret, raw)

    def test_route53_zone_records_and_change_pending_then_insync(self) -> None:
        control("POST", "/_lab/config", {"change_pending_seconds": 8})
        zone = self.aws_json("route53", "create-hosted-zone", "--name", "lab-r53.example",
                             "--caller-reference", "lab-test-zone-1")
        zone_id = zone["HostedZone"]["Id"]
        self.assertEqual(len(zone["DelegationSet"]["NameServers"]), 4)
        zones = self.aws_json("route53", "list-hosted-zones")["HostedZones"]
        self.assertEqual([z["Name"] for z in zones], ["lab-r53.example."])

        batch = {"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
            "Name": "www.lab-r53.example", "Type": "A", "TTL": 60,
            "ResourceRecords": [{"Value": "192.0.2.10"}]}}]}
        change = self.aws_json("route53", "change-resource-record-sets", "--hosted-zone-id", zone_id,
                               "--change-batch", json.dumps(batch))["ChangeInfo"]
        self.assertEqual(change["Status"], "PENDING")
        change_id = change["Id"]
        self.assertEqual(self.aws_json("route53", "get-change", "--id", change_id)["ChangeInfo"]["Status"],
                         "PENDING")
        self.poll(lambda: self.aws_json("route53", "get-change", "--id", change_id)["ChangeInfo"]["Status"],
                  "INSYNC", timeout=40, interval=1)
        rrsets = self.aws_json("route53", "list-resource-record-sets", "--hosted-zone-id", zone_id)
        www = [r for r in rrsets["ResourceRecordSets"] if r["Name"] == "www.lab-r53.example."]
        self.assertEqual(www[0]["ResourceRecords"], [{"Value": "192.0.2.10"}])

        log = lab_log()
        self.assert_all_signatures_valid(log)
        self.assert_no_mutation_twice(log)
        ops = [e["operation"] for e in log]
        for op in ("CreateHostedZone", "ListHostedZones", "ChangeResourceRecordSets", "GetChange",
                   "ListResourceRecordSets"):
            self.assertIn(op, ops)
        create = next(e for e in log if e["operation"] == "CreateHostedZone")
        self.assertEqual(create["idempotency_key"], "CallerReference:lab-test-zone-1")
        self.assertTrue(create["mutating"])
        self.assertFalse(next(e for e in log if e["operation"] == "GetChange")["mutating"])
        self.assertEqual({e["account"] for e in log}, {OLD})

    def test_rds_cluster_creating_then_available(self) -> None:
        control("POST", "/_lab/config", {"cluster_creating_seconds": 8})
        self.aws_json("rds", "create-db-cluster", "--db-cluster-identifier", "lab-src",
                      "--engine", "aurora-postgresql", "--master-username", "lab",
                      "--master-user-password", "lab-password-123", endpoint=True)

        def status() -> str:
            out = self.aws_json("rds", "describe-db-clusters", "--db-cluster-identifier", "lab-src",
                                endpoint=True)
            return out["DBClusters"][0]["Status"]
        self.assertEqual(status(), "creating")
        self.poll(status, "available", timeout=40, interval=1)
        # The other account sees none of it.
        other = self.aws_json("rds", "describe-db-clusters", profile="new", endpoint=True)
        self.assertEqual(other["DBClusters"], [])
        log = lab_log()
        self.assert_all_signatures_valid(log)
        self.assertEqual({e["service"] for e in log}, {"rds"})


class TestSignatureChecks(LabTestCase):
    """Requests the proxy cannot verify are refused with the service's 403 and logged invalid."""

    def test_wrong_secret_is_refused_and_nothing_reaches_moto(self) -> None:
        bad = client("route53", secret="not-the-secret-key-000000000000000000000")
        with self.assertRaises(ClientError) as cm:
            bad.create_hosted_zone(Name="bad-sig.example", CallerReference="bad-sig-1")
        err = cm.exception.response
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertEqual(err["Error"]["Code"], "SignatureDoesNotMatch")
        good = client("route53")
        self.assertEqual(good.list_hosted_zones()["HostedZones"], [])
        log = lab_log()
        self.assertEqual(len(log), 2)
        self.assertEqual((log[0]["operation"], log[0]["status"], log[0]["signature_valid"], log[0]["forwarded"]),
                         ("CreateHostedZone", 403, False, False))
        self.assertTrue(log[1]["signature_valid"])

    def test_json_and_query_services_use_their_error_shapes(self) -> None:
        with self.assertRaises(ClientError) as cm:
            client("route53domains", secret="wrong").list_domains()
        self.assertEqual(cm.exception.response["Error"]["Code"], "InvalidSignatureException")
        self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)
        with self.assertRaises(ClientError) as cm:
            client("rds", secret="wrong", region="eu-west-1").describe_db_clusters()
        self.assertEqual(cm.exception.response["Error"]["Code"], "SignatureDoesNotMatch")
        with self.assertRaises(ClientError) as cm:
            client("sts", akid="AKIDLABNOBODY").get_caller_identity()
        self.assertEqual(cm.exception.response["Error"]["Code"], "InvalidClientTokenId")
        log = lab_log()
        self.assertEqual([(e["service"], e["signature_valid"], e["status"]) for e in log],
                         [("route53domains", False, 403), ("rds", False, 403), ("sts", False, 403)])

    def test_tampered_body_and_old_date_are_refused(self) -> None:
        keys = info()["keys"]["old"]
        url = info()["AWS_ENDPOINT_URL"] + "/"
        body = "Action=GetCallerIdentity&Version=2011-06-15"

        def signed(timestamp: str | None) -> AWSRequest:
            req = AWSRequest(method="POST", url=url, data=body,
                             headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
            signer = SigV4Auth(Credentials(keys["access_key_id"], keys["secret_access_key"]), "sts", "us-east-1")
            if timestamp is None:
                signer.add_auth(req)
                return req
            req.context["timestamp"] = timestamp
            req.headers["X-Amz-Date"] = timestamp
            sig = signer.signature(signer.string_to_sign(req, signer.canonical_request(req)), req)
            signer._inject_signature_to_request(req, sig)
            return req

        def send(req: AWSRequest, data: str) -> int:
            r = urllib.request.Request(url, data=data.encode(), method="POST",
                                       headers={k: v for k, v in req.headers.items()})
            try:
                with urllib.request.urlopen(r, timeout=30) as resp:
                    return resp.status
            except urllib.error.HTTPError as e:
                return e.code

        self.assertEqual(send(signed(None), body), 200)
        self.assertEqual(send(signed(None), body + "&Extra=1"), 403)
        old = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=20)).strftime("%Y%m%dT%H%M%SZ")
        self.assertEqual(send(signed(old), body), 403)
        # Route 53 is signed for us-east-1 whatever the configured region.
        r53url = info()["AWS_ENDPOINT_URL"] + "/2013-04-01/hostedzone"
        for region, want in (("eu-west-1", 403), ("us-east-1", 200)):
            req = AWSRequest(method="GET", url=r53url)
            SigV4Auth(Credentials(keys["access_key_id"], keys["secret_access_key"]), "route53", region).add_auth(req)
            r = urllib.request.Request(r53url, method="GET", headers={k: v for k, v in req.headers.items()})
            try:
                with urllib.request.urlopen(r, timeout=30) as resp:
                    self.assertEqual(resp.status, want)
            except urllib.error.HTTPError as e:
                self.assertEqual(e.code, want)
        log = lab_log()
        self.assertEqual([e["signature_valid"] for e in log], [True, False, False, False, True])
        self.assertIn("expired", log[2]["signature_error"])
        self.assertIn("region", log[3]["signature_error"])

    def test_botocore_query_strings_and_paths_verify(self) -> None:
        r53 = client("route53")
        zid = r53.create_hosted_zone(Name="q.example", CallerReference="q-1")["HostedZone"]["Id"]
        r53.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": [
            {"Action": "CREATE", "ResourceRecordSet": {"Name": "*.q.example", "Type": "TXT", "TTL": 60,
                                                       "ResourceRecords": [{"Value": '"a b=c&d"'}]}}]})
        out = r53.list_resource_record_sets(HostedZoneId=zid, StartRecordName="*.q.example",
                                            StartRecordType="TXT", MaxItems="1")
        self.assertEqual(len(out["ResourceRecordSets"]), 1)
        r53.list_hosted_zones_by_name(DNSName="q.example", MaxItems="5")
        r53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zid.split("/")[-1],
                                     AddTags=[{"Key": "owner", "Value": "lab test/ünïcode"}])
        rds = client("rds", region="eu-west-1")
        rds.describe_db_clusters(Filters=[{"Name": "engine", "Values": ["aurora-postgresql", "aurora mysql"]}])
        log = lab_log()
        self.assert_all_signatures_valid(log)
        self.assertEqual([e["status"] for e in log], [201, 200, 200, 200, 200, 200])


class TestFaults(LabTestCase):
    """Injected throttling, errors, latency and resets, with each service's error shape."""

    @unittest.skipUnless(HAVE_AWS_CLI, "the aws CLI is not installed")
    def test_aws_cli_retries_a_throttled_change_and_succeeds(self) -> None:
        zid = client("route53").create_hosted_zone(Name="thr.example", CallerReference="thr-1")["HostedZone"]["Id"]
        control("POST", "/_lab/faults", {"service": "route53", "operation": "ChangeResourceRecordSets",
                                         "kind": "throttle", "count": 2})
        batch = {"Changes": [{"Action": "CREATE", "ResourceRecordSet": {
            "Name": "t.thr.example", "Type": "A", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.7"}]}}]}
        out = self.aws_json("route53", "change-resource-record-sets", "--hosted-zone-id", zid,
                            "--change-batch", json.dumps(batch))
        self.assertIn(out["ChangeInfo"]["Status"], ("PENDING", "INSYNC"))
        crrs = [e for e in lab_log() if e["operation"] == "ChangeResourceRecordSets"]
        self.assertEqual([(e["status"], e["fault"], e["error_code"], e["forwarded"]) for e in crrs],
                         [(400, "throttle", "Throttling", False), (400, "throttle", "Throttling", False),
                          (200, None, None, True)])
        self.assert_all_signatures_valid(crrs)
        self.assertEqual(len({e["idempotency_key"] for e in crrs}), 1)  # the same call, retried
        self.assertEqual(control("GET", "/_lab/faults"), [])

    def test_throttle_shapes_per_service(self) -> None:
        for svc, op, call, code in (
            ("route53domains", "ListDomains", lambda: client("route53domains").list_domains(),
             "ThrottlingException"),
            ("rds", "DescribeDBClusters", lambda: client("rds").describe_db_clusters(), "Throttling"),
            ("sts", "GetCallerIdentity", lambda: client("sts").get_caller_identity(), "Throttling"),
            ("route53", "ListHostedZones", lambda: client("route53").list_hosted_zones(), "Throttling"),
        ):
            control("POST", "/_lab/faults", {"service": svc, "operation": op, "kind": "throttle"})
            with self.assertRaises(ClientError) as cm:
                call()
            self.assertEqual(cm.exception.response["Error"]["Code"], code, svc)
            self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400, svc)
            call()  # the fault was used up: the next call passes

    def test_error_with_a_chosen_code_and_retry_after(self) -> None:
        control("POST", "/_lab/faults", {"service": "route53", "operation": "ChangeResourceRecordSets",
                                         "kind": "error", "status": 400, "code": "PriorRequestNotComplete",
                                         "retry_after": 1})
        zid = client("route53").create_hosted_zone(Name="prnc.example", CallerReference="prnc")["HostedZone"]["Id"]
        batch = {"Changes": [{"Action": "CREATE", "ResourceRecordSet": {
            "Name": "p.prnc.example", "Type": "A", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.8"}]}}]}
        with self.assertRaises(ClientError) as cm:
            client("route53").change_resource_record_sets(HostedZoneId=zid, ChangeBatch=batch)
        err = cm.exception.response
        self.assertEqual(err["Error"]["Code"], "PriorRequestNotComplete")
        self.assertEqual(err["ResponseMetadata"]["HTTPHeaders"].get("retry-after"), "1")
        before = control("GET", "/_lab/state")["generation"]
        client("route53").change_resource_record_sets(HostedZoneId=zid, ChangeBatch=batch)
        self.assertEqual(control("GET", "/_lab/state")["generation"], before + 1)

    def test_route53_admission_rate_prior_request_and_batch_size(self) -> None:
        r53 = client("route53")
        za = r53.create_hosted_zone(Name="a.lim.example", CallerReference="lim-a")["HostedZone"]["Id"]
        zb = r53.create_hosted_zone(Name="b.lim.example", CallerReference="lim-b")["HostedZone"]["Id"]

        def txt_batch(zone: str, n: int) -> dict:
            return {"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
                "Name": f"t{i}.{zone}", "Type": "TXT", "TTL": 60,
                "ResourceRecords": [{"Value": '"' + "x" * 198 + '"'}]}} for i in range(n)]}
        # 81 UPSERTs of 200 characters = 32,400 > 32,000: refused with the InvalidChangeBatch shape.
        with self.assertRaises(ClientError) as cm:
            r53.change_resource_record_sets(HostedZoneId=za, ChangeBatch=txt_batch("a.lim.example", 81))
        self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(lab_log()[-1]["error_code"], "InvalidChangeBatch")
        self.assertFalse(lab_log()[-1]["forwarded"])
        r53.change_resource_record_sets(HostedZoneId=za, ChangeBatch=txt_batch("a.lim.example", 80))

        control("POST", "/_lab/config", {"prior_request_not_complete": 1, "change_pending_seconds": 60})
        one = {"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
            "Name": "x.b.lim.example", "Type": "A", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.9"}]}}]}
        self.assertEqual(r53.change_resource_record_sets(HostedZoneId=zb, ChangeBatch=one)["ChangeInfo"]["Status"],
                         "PENDING")
        with self.assertRaises(ClientError) as cm:
            r53.change_resource_record_sets(HostedZoneId=zb, ChangeBatch=one)
        self.assertEqual(cm.exception.response["Error"]["Code"], "PriorRequestNotComplete")
        r53.change_resource_record_sets(HostedZoneId=za, ChangeBatch=txt_batch("a.lim.example", 1))  # other zone

        control("POST", "/_lab/config", {"route53_rate_per_second": 0.1, "route53_burst": 3})
        codes = []
        for _ in range(5):
            try:
                r53.list_hosted_zones()
                codes.append("ok")
            except ClientError as e:
                codes.append(e.response["Error"]["Code"])
        self.assertEqual(codes, ["ok", "ok", "ok", "Throttling", "Throttling"])
        client("route53", "new").list_hosted_zones()  # the bucket is per account
        self.assertEqual(lab_log()[-2]["fault"], "rate_limit")

    def test_status_latency_reset_and_after(self) -> None:
        r53 = client("route53")
        control("POST", "/_lab/faults", {"service": "route53", "kind": "status", "status": 503, "count": 1})
        with self.assertRaises(ClientError) as cm:
            r53.list_hosted_zones()
        self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 503)
        control("POST", "/_lab/faults", {"service": "route53", "kind": "latency", "latency_ms": 400})
        r53.list_hosted_zones()
        self.assertGreaterEqual(lab_log()[-1]["duration_ms"], 400)
        control("POST", "/_lab/faults", {"service": "sts", "kind": "reset"})
        with self.assertRaises(Exception) as cm2:  # noqa: B017 - any connection error will do
            client("sts").get_caller_identity()
        self.assertNotIsInstance(cm2.exception, ClientError)
        # "after": the change reaches moto, the client still gets a 500 (an ambiguous failure).
        control("POST", "/_lab/faults", {"service": "route53", "operation": "CreateHostedZone",
                                         "kind": "status", "status": 500, "after": True})
        with self.assertRaises(ClientError):
            r53.create_hosted_zone(Name="amb.example", CallerReference="amb-1")
        self.assertEqual([z["Name"] for z in r53.list_hosted_zones()["HostedZones"]], ["amb.example."])
        # A blind retry with the same CallerReference gets 409, as from Route 53 (moto would create a second zone).
        with self.assertRaises(ClientError) as cm:
            r53.create_hosted_zone(Name="amb.example", CallerReference="amb-1")
        self.assertEqual(cm.exception.response["Error"]["Code"], "HostedZoneAlreadyExists")
        self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 409)
        self.assertEqual(len(r53.list_hosted_zones()["HostedZones"]), 1)
        log = lab_log()
        self.assertEqual([(e["operation"], e["status"], e["fault"]) for e in log],
                         [("ListHostedZones", 503, "status"), ("ListHostedZones", 200, "latency"),
                          ("GetCallerIdentity", 0, "reset"), ("CreateHostedZone", 500, "status"),
                          ("ListHostedZones", 200, None), ("CreateHostedZone", 409, None),
                          ("ListHostedZones", 200, None)])
        self.assertTrue(log[3]["forwarded"])


class TestDomainTransfer(LabTestCase):
    """The three transfer operations moto lacks, between the two lab accounts."""

    DOMAIN = "lab-transfer.com"
    NS = ["ns1.lab-dns.net", "ns2.lab-dns.net"]

    def setUp(self) -> None:
        super().setUp()
        control("POST", "/_lab/config", {"domain_operation_seconds": 2})
        control("POST", "/_lab/domains", {"account": "old", "domain": self.DOMAIN, "nameservers": self.NS})

    @unittest.skipUnless(HAVE_AWS_CLI, "the aws CLI is not installed")
    def test_transfer_accept_with_aws_cli(self) -> None:
        detail = self.aws_json("route53domains", "get-domain-detail", "--domain-name", self.DOMAIN)
        self.assertEqual([n["Name"] for n in detail["Nameservers"]], self.NS)
        out = self.aws_json("route53domains", "transfer-domain-to-another-aws-account",
                            "--domain-name", self.DOMAIN, "--account-id", NEW)
        op_out, password = out["OperationId"], out["Password"]
        op = self.aws_json("route53domains", "get-operation-detail", "--operation-id", op_out)
        self.assertEqual((op["Status"], op["Type"], op.get("StatusFlag")),
                         ("IN_PROGRESS", "INTERNAL_TRANSFER_OUT_DOMAIN", "PENDING_ACCEPTANCE"))

        # The wrong password, and the right password from the wrong account, are refused.
        p = self.aws("route53domains", "accept-domain-transfer-from-another-aws-account",
                     "--domain-name", self.DOMAIN, "--password", "wrong-password", profile="new", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("InvalidInput", p.stderr)
        accept = json.dumps({"DomainName": self.DOMAIN, "Password": password})
        p = self.aws("route53domains", "accept-domain-transfer-from-another-aws-account",
                     "--cli-input-json", accept, check=False)
        self.assertIn("InvalidInput", p.stderr)

        op_in = self.aws_json("route53domains", "accept-domain-transfer-from-another-aws-account",
                              "--cli-input-json", accept, profile="new")["OperationId"]
        self.poll(lambda: self.aws_json("route53domains", "get-operation-detail",
                                        "--operation-id", op_out)["Status"], "SUCCESSFUL", timeout=40, interval=1)
        op = self.aws_json("route53domains", "get-operation-detail", "--operation-id", op_in, profile="new")
        self.assertEqual((op["Status"], op["Type"]), ("SUCCESSFUL", "INTERNAL_TRANSFER_IN_DOMAIN"))

        # The domain now belongs to the new account, with its name servers; the old one lost it.
        detail = self.aws_json("route53domains", "get-domain-detail", "--domain-name", self.DOMAIN, profile="new")
        self.assertEqual([n["Name"] for n in detail["Nameservers"]], self.NS)
        p = self.aws("route53domains", "get-domain-detail", "--domain-name", self.DOMAIN, check=False)
        self.assertIn("InvalidInput", p.stderr)
        listed = self.aws_json("route53domains", "list-domains", profile="new")["Domains"]
        self.assertEqual([d["DomainName"] for d in listed], [self.DOMAIN])
        ops = self.aws_json("route53domains", "list-operations", profile="new")["Operations"]
        self.assertIn(op_in, [o["OperationId"] for o in ops])

        log = lab_log()
        self.assert_all_signatures_valid(log)
        accepts = [(e["account"], e["status"]) for e in log
                   if e["operation"] == "AcceptDomainTransferFromAnotherAwsAccount"]
        self.assertEqual(accepts, [(NEW, 400), (OLD, 400), (NEW, 200)])
        with open(info()["log"]) as f:
            self.assertNotIn(password, f.read())
        self.assertNotIn(password, json.dumps(control("GET", "/_lab/state")))

    def test_cancel_and_reject(self) -> None:
        old, new = client("route53domains", "old"), client("route53domains", "new")
        t = old.transfer_domain_to_another_aws_account(DomainName=self.DOMAIN, AccountId=NEW)
        with self.assertRaises(ClientError) as cm:
            old.transfer_domain_to_another_aws_account(DomainName=self.DOMAIN, AccountId=NEW)
        self.assertEqual(cm.exception.response["Error"]["Code"], "DuplicateRequest")
        self.assertEqual(old.cancel_domain_transfer_to_another_aws_account(DomainName=self.DOMAIN)["OperationId"],
                         t["OperationId"])
        op = old.get_operation_detail(OperationId=t["OperationId"])
        self.assertEqual(op["Status"], "FAILED")
        self.assertIn("cancelled", op["Message"])
        with self.assertRaises(ClientError):  # nothing left to accept
            new.accept_domain_transfer_from_another_aws_account(DomainName=self.DOMAIN, Password=t["Password"])

        t2 = old.transfer_domain_to_another_aws_account(DomainName=self.DOMAIN, AccountId=NEW)
        self.assertNotEqual(t2["Password"], t["Password"])
        with self.assertRaises(ClientError):  # only the receiver may reject
            old.reject_domain_transfer_from_another_aws_account(DomainName=self.DOMAIN)
        new.reject_domain_transfer_from_another_aws_account(DomainName=self.DOMAIN)
        self.assertEqual(old.get_operation_detail(OperationId=t2["OperationId"])["Status"], "FAILED")
        self.assertEqual(old.get_domain_detail(DomainName=self.DOMAIN)["DomainName"], self.DOMAIN)
        with self.assertRaises(ClientError):
            new.get_domain_detail(DomainName=self.DOMAIN)
        # The name servers can be updated more than once (moto's duplicate check is patched).
        for ns in (["a.lab-dns.net", "b.lab-dns.net"], ["c.lab-dns.net", "d.lab-dns.net"]):
            old.update_domain_nameservers(DomainName=self.DOMAIN, Nameservers=[{"Name": n} for n in ns])
            self.assertEqual([n["Name"] for n in old.get_domain_detail(DomainName=self.DOMAIN)["Nameservers"]], ns)
        self.assert_all_signatures_valid(lab_log())


if __name__ == "__main__":
    unittest.main()


class TestRdsPagination(LabTestCase):
    """DescribeDBClusters/Instances honour MaxRecords and Marker in the lab (moto ignores both)."""

    def test_marker_pagination(self) -> None:
        rds = client("rds", region="eu-west-1")
        for i in range(23):
            rds.create_db_cluster(DBClusterIdentifier=f"page-{i:02d}", Engine="aurora-postgresql",
                                  MasterUsername="lab", MasterUserPassword="lab-password-123")
        first = rds.describe_db_clusters(MaxRecords=20)
        self.assertEqual(len(first["DBClusters"]), 20)
        second = rds.describe_db_clusters(MaxRecords=20, Marker=first["Marker"])
        self.assertEqual([c["DBClusterIdentifier"] for c in second["DBClusters"]], ["page-20", "page-21", "page-22"])
        self.assertNotIn("Marker", second)
        pages = list(rds.get_paginator("describe_db_clusters").paginate(PaginationConfig={"PageSize": 20}))
        self.assertEqual([len(p["DBClusters"]) for p in pages], [20, 3])
        self.assertEqual(len(rds.describe_db_clusters()["DBClusters"]), 23)  # default page: 100
        filtered = rds.describe_db_clusters(Filters=[{"Name": "db-cluster-id", "Values": ["page-03", "page-07"]}])
        self.assertEqual(len(filtered["DBClusters"]), 2)
        for kw in ({"MaxRecords": 5}, {"Marker": "not-a-lab-marker"}):
            with self.assertRaises(ClientError) as cm:
                rds.describe_db_clusters(**kw)
            self.assertEqual(cm.exception.response["Error"]["Code"], "InvalidParameterValue")
        self.assertEqual(rds.describe_db_clusters(Filters=[{"Name": "db-cluster-id", "Values": ["page-01"]}],
                                                  MaxRecords=20)["DBClusters"][0]["DBClusterIdentifier"], "page-01")
        self.assertEqual(client("rds", region="us-east-1").describe_db_clusters()["DBClusters"], [])  # per region
        self.assert_all_signatures_valid(lab_log())


class TestCloudWatch(LabTestCase):
    """CloudWatch (signing name "monitoring") reaches moto through the proxy: an alarm made and
    set with botocore (smithy-rpc-v2-cbor), described with the Query protocol that cutover
    speaks (Version 2010-08-01, XML answers), per account, every request verified and logged."""

    def describe_alarms_query(self, names: list[str], profile: str = "old") -> tuple[int, str]:
        form = {"Action": "DescribeAlarms", "Version": "2010-08-01"}
        for i, name in enumerate(names, 1):
            form[f"AlarmNames.member.{i}"] = name
        body = urllib.parse.urlencode(form)
        keys = info()["keys"][profile]
        url = info()["AWS_ENDPOINT_URL"] + "/"
        req = AWSRequest(method="POST", url=url, data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        SigV4Auth(Credentials(keys["access_key_id"], keys["secret_access_key"]), "monitoring", "us-east-1").add_auth(req)
        http = urllib.request.Request(url, data=body.encode(), method="POST", headers=dict(req.headers.items()))
        try:
            with urllib.request.urlopen(http, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def test_alarm_state_set_and_described_with_the_query_protocol(self) -> None:
        cw = client("cloudwatch")
        cw.put_metric_alarm(AlarmName="shop-5xx", MetricName="5XXError", Namespace="AWS/ApplicationELB",
                            Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=10.0,
                            ComparisonOperator="GreaterThanThreshold")
        cw.set_alarm_state(AlarmName="shop-5xx", StateValue="ALARM", StateReason="lab: 5xx above 10")
        status, xml = self.describe_alarms_query(["shop-5xx"])
        self.assertEqual(status, 200, xml)
        self.assertIn("<DescribeAlarmsResponse", xml)
        self.assertIn("<AlarmName>shop-5xx</AlarmName>", xml)
        self.assertIn("<StateValue>ALARM</StateValue>", xml)
        self.assertIn("lab: 5xx above 10", xml)
        cw.set_alarm_state(AlarmName="shop-5xx", StateValue="OK", StateReason="lab: recovered")
        self.assertIn("<StateValue>OK</StateValue>", self.describe_alarms_query(["shop-5xx"])[1])
        # Alarms belong to an account: the other one has none of that name.
        other = self.describe_alarms_query(["shop-5xx"], profile="new")[1]
        self.assertNotIn("shop-5xx", other)
        log = lab_log()
        self.assert_all_signatures_valid(log)
        self.assertEqual({e["service"] for e in log}, {"monitoring"})
        ops = [e["operation"] for e in log]
        self.assertEqual(ops.count("DescribeAlarms"), 3)
        self.assertIn("SetAlarmState", ops)
        self.assertEqual([e["mutating"] for e in log if e["operation"] == "SetAlarmState"], [True, True])
        self.assertEqual({e["account"] for e in log if e["operation"] == "DescribeAlarms"}, {"111111111111", "222222222222"})

    def test_a_bad_signature_gets_a_cloudwatch_error(self) -> None:
        keys = info()["keys"]["old"]
        body = "Action=DescribeAlarms&Version=2010-08-01"
        url = info()["AWS_ENDPOINT_URL"] + "/"
        req = AWSRequest(method="POST", url=url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        SigV4Auth(Credentials(keys["access_key_id"], "wrong-secret"), "monitoring", "us-east-1").add_auth(req)
        http = urllib.request.Request(url, data=body.encode(), method="POST", headers=dict(req.headers.items()))
        with self.assertRaises(urllib.error.HTTPError) as cm:
            urllib.request.urlopen(http, timeout=30)
        text = cm.exception.read().decode()
        self.assertEqual(cm.exception.code, 403)
        self.assertIn("http://monitoring.amazonaws.com/doc/2010-08-01/", text)
        self.assertIn("<Code>SignatureDoesNotMatch</Code>", text)


class TestZoneFile(LabTestCase):
    """`aws_lab.py zonefile` writes a hosted zone as a BIND zone file with absolute names."""

    def test_zonefile(self) -> None:
        r53 = client("route53")
        zid = r53.create_hosted_zone(Name="zf.example", CallerReference="zf-1")["HostedZone"]["Id"]
        r53.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": [
            {"Action": "CREATE", "ResourceRecordSet": {"Name": "www.zf.example", "Type": "A", "TTL": 60,
                                                       "ResourceRecords": [{"Value": "192.0.2.1"}]}},
            {"Action": "CREATE", "ResourceRecordSet": {"Name": "zf.example", "Type": "MX", "TTL": 120,
                                                       "ResourceRecords": [{"Value": "10 mail.zf.example"}]}},
            {"Action": "CREATE", "ResourceRecordSet": {"Name": "zf.example", "Type": "TXT", "TTL": 60,
                                                       "ResourceRecords": [{"Value": '"a  b"'}]}}]})
        client("route53", "new").create_hosted_zone(Name="zf.example", CallerReference="zf-2")
        lab_dir = os.path.dirname(info()["log"])
        p = subprocess.run([sys.executable, os.path.join(HERE, "aws_lab.py"), "zonefile", "--dir", lab_dir,
                            "--zone", "zf.example", "--account", "old"], capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.splitlines()
        self.assertIn("$ORIGIN zf.example.", lines)
        self.assertIn("www.zf.example. 60 IN A 192.0.2.1", lines)
        self.assertIn("zf.example. 120 IN MX 10 mail.zf.example.", lines)
        self.assertIn('zf.example. 60 IN TXT "a  b"', lines)
        self.assertEqual(len([x for x in lines if " IN NS " in x]), 4)
        # Two accounts hold a zone of that name: the account must be named.
        p = subprocess.run([sys.executable, os.path.join(HERE, "aws_lab.py"), "zonefile", "--dir", lab_dir,
                            "--zone", "zf.example"], capture_output=True, text=True, timeout=60)
        self.assertNotEqual(p.returncode, 0)


class TestNameServers(LabTestCase):
    """route53_nameserver_domain gives each new hosted zone name servers of its own; .test registers."""

    def test_each_zone_has_its_own_name_servers(self) -> None:
        r53 = client("route53")
        shared = r53.create_hosted_zone(Name="ns.example", CallerReference="ns-0")["DelegationSet"]["NameServers"]
        self.assertIn("ns-2048.awsdns-64.com", shared)  # moto's fixed names, the default
        control("POST", "/_lab/config", {"route53_nameserver_domain": "test"})
        a = r53.create_hosted_zone(Name="ns.example", CallerReference="ns-1")
        b = client("route53", "new").create_hosted_zone(Name="ns.example", CallerReference="ns-2")
        names_a, names_b = a["DelegationSet"]["NameServers"], b["DelegationSet"]["NameServers"]
        self.assertEqual(len(names_a), 2)
        self.assertTrue(all(n.endswith(".test") for n in names_a + names_b), names_a + names_b)
        self.assertFalse(set(names_a) & set(names_b))
        # GetHostedZone, the apex NS record and the SOA agree with the delegation set.
        zid = a["HostedZone"]["Id"]
        self.assertEqual(r53.get_hosted_zone(Id=zid)["DelegationSet"]["NameServers"], names_a)
        sets = r53.list_resource_record_sets(HostedZoneId=zid)["ResourceRecordSets"]
        ns = next(r for r in sets if r["Type"] == "NS")
        self.assertEqual(sorted(v["Value"] for v in ns["ResourceRecords"]), sorted(names_a))
        # A reset restores moto's names.
        control("POST", "/_lab/reset")
        again = r53.create_hosted_zone(Name="ns.example", CallerReference="ns-3")["DelegationSet"]["NameServers"]
        self.assertIn("ns-2048.awsdns-64.com", again)

    def test_bad_domain_refused(self) -> None:
        with self.assertRaises(urllib.error.HTTPError) as e:
            control("POST", "/_lab/config", {"route53_nameserver_domain": 5})
        self.assertEqual(e.exception.code, 400)
        with self.assertRaises(urllib.error.HTTPError):
            control("POST", "/_lab/config", {"route53_nameserver_domain": "bad name"})

    def test_registrations_start_locked(self) -> None:
        control("POST", "/_lab/domains", {"account": "old", "domain": "lock-example.com", "nameservers": ["ns1.example.net"]})
        domains = client("route53domains")
        self.assertIn("clientTransferProhibited", domains.get_domain_detail(DomainName="lock-example.com")["StatusList"])
        op = domains.disable_domain_transfer_lock(DomainName="lock-example.com")["OperationId"]
        self.assertEqual(domains.get_operation_detail(OperationId=op)["Status"], "SUCCESSFUL")
        self.assertNotIn("clientTransferProhibited", domains.get_domain_detail(DomainName="lock-example.com")["StatusList"])
        state = control("GET", "/_lab/state")
        self.assertFalse(state["accounts"][OLD]["domains"]["lock-example.com"]["transfer_lock"])  # type: ignore[index]
        domains.enable_domain_transfer_lock(DomainName="lock-example.com")
        self.assertIn("clientTransferProhibited", domains.get_domain_detail(DomainName="lock-example.com")["StatusList"])

    def test_test_domains_register(self) -> None:
        seeded = control("POST", "/_lab/domains", {"account": "old", "domain": "example.test",
                                                   "nameservers": ["ns-1.awsdns-01.test"]})
        self.assertEqual(seeded["nameservers"], ["ns-1.awsdns-01.test"])
        got = client("route53domains").get_domain_detail(DomainName="example.test")
        self.assertEqual([n["Name"] for n in got["Nameservers"]], ["ns-1.awsdns-01.test"])


SIGV4_VECTORS = os.path.join(HERE, "..", "..", "testdata", "sigv4", "v4")


class TestVerifierVectors(unittest.TestCase):
    """The proxy's verifier accepts the official SigV4 vectors' signed requests and refuses altered ones.

    Cases left out: `normalize: false` (S3-style paths; these services always normalise)
    and `omit_session_token` (the lab requires the token to be signed).
    """

    def test_official_vectors(self) -> None:
        import threading
        sys.path.insert(0, HERE)
        sys.dont_write_bytecode = True
        import labproxy

        checked = 0
        for case in sorted(os.listdir(SIGV4_VECTORS)):
            with open(os.path.join(SIGV4_VECTORS, case, "context.json")) as f:
                ctx = json.load(f)
            if not ctx.get("normalize", True) or ctx.get("omit_session_token"):
                continue
            with open(os.path.join(SIGV4_VECTORS, case, "header-signed-request.txt"), "rb") as f:
                raw = f.read().decode("utf-8")
            head, _, body = raw.partition("\n\n")
            lines = head.split("\n")
            method = lines[0].split(" ", 1)[0]
            target = lines[0][len(method) + 1:lines[0].rindex(" HTTP/")]  # the path may hold a space
            headers: list[tuple[str, str]] = []
            for line in lines[1:]:
                if line[:1] in (" ", "\t") and headers:
                    headers[-1] = (headers[-1][0], headers[-1][1] + " " + line.strip())
                elif line:
                    name, _, value = line.partition(":")
                    headers.append((name, value))
            creds = ctx["credentials"]
            lab = type("FakeLab", (), {})()
            lab.lock = threading.RLock()
            lab.keys = {creds["access_key_id"]: {"secret": creds["secret_access_key"], "account": OLD,
                                                 "token": creds.get("token")}}
            lab.config = {"max_clock_skew_seconds": 1e12}
            with self.subTest(case=case):
                akid, _, region, service = labproxy.verify_sigv4(lab, method, target, headers, body.encode())
                self.assertEqual((akid, region, service), (creds["access_key_id"], "us-east-1", "service"))
                with self.assertRaises(labproxy.SigError):
                    labproxy.verify_sigv4(lab, method, target, headers, body.encode() + b"x")
            checked += 1
        self.assertGreaterEqual(checked, 29)


class TestLauncher(unittest.TestCase):
    """start/stop are idempotent and stop kills only the lab's own process (a lab of its own)."""

    def run_lab(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, os.path.join(HERE, "aws_lab.py"), *args],
                              capture_output=True, text=True, timeout=120)

    @staticmethod
    def is_lab_process(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                return b"aws_lab.py" in f.read()  # empty for a zombie
        except OSError:
            return False

    def test_start_stop_idempotent_and_safe(self) -> None:
        d = tempfile.mkdtemp(prefix="awslab-launcher-")
        bystander = subprocess.Popen(["sleep", "60"])
        try:
            # A stale pids file naming someone else's process: start ignores it, stop spares it.
            with open(os.path.join(d, "pids"), "w") as f:
                f.write(f"{bystander.pid}\n")
            self.assertEqual(self.run_lab("start", "--dir", d).returncode, 0)
            with open(os.path.join(d, "env.json")) as f:
                first = json.load(f)
            self.assertTrue(first["AWS_ENDPOINT_URL"].startswith("http://127.0.0.1:"))
            with open(os.path.join(d, "env")) as f:
                env_lines = dict(line.rstrip("\n").split("=", 1) for line in f if line.strip())
            self.assertEqual(env_lines["AWS_ENDPOINT_URL"], first["AWS_ENDPOINT_URL"])
            self.assertEqual(env_lines["AWS_DEFAULT_REGION"], "us-east-1")
            for name in ("config", "credentials", "pids", "requests.jsonl"):
                self.assertTrue(os.path.exists(os.path.join(d, name)), name)

            self.assertEqual(self.run_lab("start", "--dir", d).returncode, 0)  # already running: same lab
            with open(os.path.join(d, "env.json")) as f:
                self.assertEqual(json.load(f)["pid"], first["pid"])

            self.assertEqual(self.run_lab("stop", "--dir", d).returncode, 0)
            self.assertFalse(os.path.exists(os.path.join(d, "pids")))
            self.assertFalse(self.is_lab_process(first["pid"]))
            self.assertEqual(self.run_lab("stop", "--dir", d).returncode, 0)  # nothing to stop

            with open(os.path.join(d, "pids"), "w") as f:
                f.write(f"{bystander.pid}\n")
            self.assertEqual(self.run_lab("stop", "--dir", d).returncode, 0)
            self.assertIsNone(bystander.poll(), "stop killed a process that is not the lab")
        finally:
            bystander.kill()
            bystander.wait()
            self.run_lab("stop", "--dir", d)
            shutil.rmtree(d, ignore_errors=True)
