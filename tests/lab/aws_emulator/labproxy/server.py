"""The HTTP proxy in front of moto: control API (/_lab/...), then for each AWS
request signature, faults, admission, forwarding and rewriting; serve()."""

from __future__ import annotations

import datetime as _dt
import http.client
import http.server
import json
import re
import socket
import sys
import time
import traceback
import urllib.parse
import uuid
from typing import Any

from . import moto_patches
from .domains import TRANSFER_OPS
from .errors import LabError, error_response
from .faults import fault_response
from .health_checks import rewrite_health_check_status
from .lab import Lab
from .rds import rds_precheck, rewrite_rds
from .operations import guess_service, idempotency_key, is_mutating, operation_of
from .route53 import invalid_change_batch, rewrite_route53
from .signatures import SigError, verify_sigv4


def utcnow_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailer", "trailers", "transfer-encoding", "upgrade", "content-length", "date", "server"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cutover-aws-lab/1"
    lab: Lab  # set on the subclass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet; we keep our own log
        pass

    def _read_body(self) -> bytes:
        te = (self.headers.get("Transfer-Encoding") or "").lower()
        if "chunked" in te:
            out = bytearray()
            while True:
                line = self.rfile.readline(65537)
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline(65537)
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, obj: Any) -> None:
        self._send(status, {"Content-Type": "application/json"}, json.dumps(obj, indent=1).encode())

    def _dispatch(self) -> None:
        try:
            body = self._read_body()
        except Exception:  # noqa: BLE001
            self.close_connection = True
            return
        if self.path.startswith("/_lab/") or self.path == "/_lab":
            try:
                self._control(body)
            except LabError as e:
                self._json(e.status, {"error": e.code, "message": e.message})
            except Exception as e:  # noqa: BLE001
                traceback.print_exc()
                self._json(500, {"error": "InternalError", "message": str(e)})
            return
        try:
            self._proxy(body)
        except Exception:  # noqa: BLE001
            traceback.print_exc()
            rid = str(uuid.uuid4())
            self._send(*error_response("route53", 500, "InternalFailure", "lab proxy error", rid))

    # --- control API --------------------------------------------------------

    # Every HTTP method takes the one path above: the control API and AWS
    # requests are told apart by their path, not by their method.
    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _dispatch

    def _control(self, body: bytes) -> None:
        lab = self.lab
        url = urllib.parse.urlsplit(self.path)
        path = url.path.rstrip("/")
        q = dict(urllib.parse.parse_qsl(url.query))
        method = self.command
        spec: Any = {}
        if body:
            try:
                spec = json.loads(body)
            except ValueError:
                raise LabError(400, "BadJSON", "body is not JSON") from None
        if path == "/_lab/health" and method == "GET":
            return self._json(200, {"ok": True, "moto_port": lab.moto_port})
        if path == "/_lab/log":
            if method == "GET":
                since = int(q.get("since", 0))
                with lab.lock:
                    entries = [e for e in lab.log if e["seq"] > since]
                return self._json(200, entries)
            if method == "DELETE":
                with lab.lock:
                    lab.log = []
                    if lab.log_path:
                        open(lab.log_path, "w").close()
                return self._json(200, {"ok": True})
        if path == "/_lab/faults":
            if method == "POST":
                specs = spec if isinstance(spec, list) else [spec]
                added = [lab.add_fault(s) for s in specs]
                return self._json(200, added if isinstance(spec, list) else added[0])
            if method == "GET":
                with lab.lock:
                    return self._json(200, list(lab.faults))
            if method == "DELETE":
                with lab.lock:
                    lab.faults = []
                return self._json(200, {"ok": True})
        if path == "/_lab/config":
            if method == "POST":
                return self._json(200, lab.set_config(spec if isinstance(spec, dict) else {}))
            if method == "GET":
                with lab.lock:
                    return self._json(200, dict(lab.config))
        if path == "/_lab/credentials" and method == "POST":
            return self._json(200, lab.add_key(spec if isinstance(spec, dict) else {}))
        if path == "/_lab/domains" and method == "POST":
            return self._json(200, lab.seed_domain(spec if isinstance(spec, dict) else {}))
        if path == "/_lab/health_checks":
            if method == "POST":
                return self._json(200, lab.set_health(spec if isinstance(spec, dict) else {}))
            if method == "GET":
                return self._json(200, lab.health_states())
        if path == "/_lab/state" and method == "GET":
            return self._json(200, lab.state())
        if path == "/_lab/reset" and method == "POST":
            lab.reset()
            return self._json(200, {"ok": True})
        raise LabError(404, "NotFound", f"no control endpoint {method} {path}")

    # --- proxied AWS request -------------------------------------------------
    def _proxy(self, body: bytes) -> None:
        lab = self.lab
        t0 = time.time()
        lab.tick()
        raw_path = self.path
        path, _, query = raw_path.partition("?")
        headers = list(self.headers.items())
        request_id = str(uuid.uuid4())
        entry: dict[str, Any] = {
            "time": utcnow_iso(), "method": self.command, "path": path,
            "access_key_id": None, "account": None, "service": None, "operation": None,
            "status": None, "signature_valid": False, "signature_error": None, "mutating": None,
            "idempotency_key": None, "fault": None, "error_code": None, "forwarded": False,
        }
        service = guess_service(headers, path, body)
        entry["service"] = service
        try:
            operation, params = operation_of(lab, service, self.command, path, query, headers, body)
        except Exception:  # noqa: BLE001
            operation, params = None, {}
        entry["operation"] = operation
        entry["mutating"] = is_mutating(service, operation, self.command)
        if entry["mutating"]:
            entry["idempotency_key"] = idempotency_key(service, operation, path, body, params)
        m = re.search(r"Credential=([^/,\s]+)/", self.headers.get("Authorization") or "")
        if m:
            entry["access_key_id"] = m.group(1)

        def finish(status: int, hdrs: dict[str, str], out: bytes, error_code: str | None = None) -> None:
            entry["status"] = status
            entry["error_code"] = error_code or _error_code_of(out, status)
            entry["duration_ms"] = round((time.time() - t0) * 1000, 1)
            lab.record(entry)
            hdrs.setdefault("x-amzn-RequestId", request_id)
            self._send(status, hdrs, out)

        try:
            akid, key, region, signed_service = verify_sigv4(lab, self.command, raw_path, headers, body)
        except SigError as e:
            entry["signature_error"] = e.message
            code = e.json_code if service == "route53domains" else e.code
            s, h, b = error_response(service, 403, code, e.message, request_id, json_code=e.json_code)
            return finish(s, h, b, code)
        entry["signature_valid"] = True
        account = key["account"]
        entry["account"] = account

        fault = lab.take_fault(service, operation, account)
        if fault:
            entry["fault"] = fault["kind"]
            fh: dict[str, str] = {}
            if fault.get("retry_after") is not None:
                fh["Retry-After"] = str(fault["retry_after"])
            if fault["kind"] == "latency":
                time.sleep(fault["latency_ms"] / 1000.0)
            elif fault["kind"] == "reset":
                entry["status"] = 0
                entry["duration_ms"] = round((time.time() - t0) * 1000, 1)
                lab.record(entry)
                self.close_connection = True
                try:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            elif not fault["after"]:
                s, h, b = fault_response(fault, service, request_id)
                h.update(fh)
                return finish(s, h, b)

        if service == "route53":
            refused = lab.route53_admission(account, operation, path, body)
            if refused:
                label, code, message = refused
                entry["fault"] = label or None
                if code == "InvalidChangeBatch":
                    s, h, b = invalid_change_batch(message, request_id)
                else:
                    status = 409 if code == "HostedZoneAlreadyExists" else 400
                    s, h, b = error_response(service, status, code, message, request_id)
                return finish(s, h, b, code)

        if service == "rds":
            refused_rds = rds_precheck(operation, params)
            if refused_rds:
                s, h, b = error_response(service, 400, refused_rds[0], refused_rds[1], request_id)
                return finish(s, h, b, refused_rds[0])

        # Operations the proxy implements itself
        if service == "route53domains" and operation in TRANSFER_OPS:
            entry["forwarded"] = False
            try:
                result = lab.domains_transfer_op(operation, account, params)
                out = json.dumps(result).encode()
                s, h = 200, {"Content-Type": "application/x-amz-json-1.1"}
            except LabError as e:
                s, h, out = error_response(service, e.status, e.code, e.message, request_id)
        else:
            try:
                s, h, out = self._forward(raw_path, headers, body, account)
            except OSError as e:  # moto unreachable or too slow: answer, and log it
                s, h, out = error_response(service, 502, "InternalFailure", f"lab: moto did not answer: {e}",
                                           request_id)
                return finish(s, h, out, "InternalFailure")
            entry["forwarded"] = True
            if service == "route53":
                s, out, extra = rewrite_route53(lab, operation, path, s, out, request_id)
                h.update(extra)
                if operation == "GetHealthCheckStatus" and s == 200:
                    out = rewrite_health_check_status(lab, path, out)
            elif service == "rds":
                out = rewrite_rds(lab, operation, account, region, s, out, params)
            elif service == "sts" and s == 200 and b"<Credentials>" in out:
                lab.learn_sts_credentials(out, account)
        if s // 100 == 2 and entry["mutating"]:
            lab.bump_generation()
        if fault and fault["after"] and fault["kind"] in ("throttle", "status", "error"):
            s, h, out = fault_response(fault, service, request_id)
            h.update(fh)
        finish(s, h, out)

    def _forward(self, raw_path: str, headers: list[tuple[str, str]], body: bytes,
                 account: str) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.lab.moto_port, timeout=120)
        try:
            out_headers = {}
            for k, v in headers:
                lk = k.lower()
                if lk in HOP_BY_HOP or lk in ("x-moto-account-id", "expect"):
                    continue
                out_headers[k] = v
            out_headers["x-moto-account-id"] = account
            out_headers["Content-Length"] = str(len(body))
            conn.request(self.command, raw_path, body=body, headers=out_headers)
            resp = conn.getresponse()
            data = resp.read()
            rh = {}
            for k, v in resp.getheaders():
                if k.lower() not in HOP_BY_HOP:
                    rh[k] = v
            return resp.status, rh, data
        finally:
            conn.close()


def _error_code_of(body: bytes, status: int) -> str | None:
    if status < 400:
        return None
    m = re.search(rb"<Code>([^<]+)</Code>", body)
    if m:
        return m.group(1).decode()
    m = re.search(rb'"__type"\s*:\s*"([^"]+)"', body)
    if m:
        return m.group(1).decode().split("#")[-1].split(":")[0]
    m = re.match(rb"\s*(?:<\?xml[^>]*>\s*)?<(\w+)", body)
    return m.group(1).decode() if m else None


class LabServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(port: int, log_path: str | None, ready_cb: Any = None) -> None:
    from moto.server import ThreadedMotoServer

    moto_patches._patch_moto()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    moto_port = moto.get_host_and_port()[1]
    lab = Lab(log_path, moto_port)
    moto_patches._ACTIVE_LAB = lab
    if log_path:
        open(log_path, "a").close()
    handler = type("LabHandler", (Handler,), {"lab": lab})
    server = LabServer(("127.0.0.1", port), handler)
    if ready_cb:
        ready_cb(server.server_address[1], moto_port)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        try:
            moto.stop()
        except Exception:  # noqa: BLE001
            pass
        sys.stderr.flush()
