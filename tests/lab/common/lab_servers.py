#!/usr/bin/env python3
"""The Knot, PowerDNS and Unbound configurations of the end-to-end labs,
written in one place: tests/lab/e2e/lab.sh calls this file's command line,
route53_lab.py imports it. (The C++ labs have theirs in server_configs.cc.)

  lab_servers.py knot --dir D --listen ADDR [--listen ADDR...] --zone NAME --file FILE
                      --storage DIR --journal-content changes|none
                      [--zonefile-load whole] [--control]
                      [--role static|primary:SECONDARY|secondary:PRIMARY]
      knotd's config on stdout; with $LAB_TSIG_SECRET set, the zone takes
      UPDATEs and transfers signed with the key cutover-lab (hmac-sha256)
  lab_servers.py unbound --dir D --interface ADDR
      Unbound's config on stdout: iterating from D/root.hints, files in D/unbound
  lab_servers.py root-hints --root ADDR
      the hints for a root a.root.test. at ADDR
"""

from __future__ import annotations

import argparse
import os
import sys

TSIG_KEY_NAME = "cutover-lab"
TOPOLOGY_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "topology.sh")


def topology(path: str = TOPOLOGY_FILE) -> dict[str, str]:
    """The labs' addresses from topology.sh (NAME=VALUE lines; # comments)."""
    out: dict[str, str] = {}
    with open(path, encoding="ascii") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, sep, value = line.partition("=")
            if not sep or not name.isidentifier() or not value:
                raise ValueError(f"{path}:{number}: expected NAME=VALUE, found {line!r}")
            out[name] = value
    return out


def knot_conf(d: str, listen: list[str], zone: str, file: str, *, storage: str, journal_content: str,
              zonefile_load: str | None = None, control: bool = False, tsig_secret: str | None = None,
              role: str = "static") -> str:
    """One knotd serving one zone from storage/file, its state in d.

    role: "static", "primary:ADDR" (notifies its secondary at ADDR, which may
    transfer) or "secondary:ADDR" (transfers from its primary at ADDR, which
    may notify). With tsig_secret, every zone takes signed UPDATEs and transfers.
    """
    kind, _, peer = role.partition(":")
    lines = ["server:"] + [f"    listen: {a}@53" for a in listen] + [
        f"    rundir: {d}/run",
        "log:", f"  - target: {d}/knot.log", "    any: info",
        "database:", f"    storage: {d}/db"]
    if control:
        lines += ["control:", f"    listen: {d}/run/knot.sock"]
    if tsig_secret:
        lines += ["key:", f"  - id: {TSIG_KEY_NAME}", "    algorithm: hmac-sha256", f"    secret: {tsig_secret}"]
    if kind in ("primary", "secondary"):
        lines += ["remote:", "  - id: peer", f"    address: {peer}@53", f"    via: {listen[0]}"]
    if tsig_secret:
        lines += ["acl:", "  - id: signed", f"    key: {TSIG_KEY_NAME}", "    action: [update, transfer]"]
        if kind == "primary":
            lines += ["  - id: peer-xfr", f"    address: {peer}", "    action: transfer"]
        elif kind == "secondary":
            lines += ["  - id: peer-notify", f"    address: {peer}", "    action: notify"]
    lines += ["template:", "  - id: default", f"    storage: {storage}", "    zonefile-sync: -1"]
    if zonefile_load:
        lines.append(f"    zonefile-load: {zonefile_load}")
    lines += [f"    journal-content: {journal_content}",
              "zone:", f"  - domain: {zone}", f"    file: {file}"]
    if kind == "primary":
        lines.append("    notify: peer")
    elif kind == "secondary":
        lines.append("    master: peer")
    if tsig_secret:
        lines.append("    acl: " + {"primary": "[signed, peer-xfr]", "secondary": "[signed, peer-notify]"}
                     .get(kind, "[signed]"))
    return "\n".join(lines) + "\n"


def pdns_conf(d: str, listen: list[str], zone: str, file: str) -> dict[str, str]:
    """PowerDNS Authoritative serving zone from file (bind backend, reloaded
    with `pdns_control --config-dir=d bind-reload-now ZONE`), its state in d:
    {file name in d: text}.

    LUA records on (the Route 53 lab renders weighted and sampled answers
    with them); every cache off, so a reload or a health change is what the
    next query sees; no security poll (it would query outside loopback)."""
    conf = "\n".join([
        "launch=bind",
        f"bind-config={d}/named.conf",
        "bind-check-interval=0",
        "local-address=" + ", ".join(listen),
        "local-port=53",
        "query-local-address=127.0.0.1",
        f"socket-dir={d}/run",
        "daemon=no", "guardian=no", "write-pid=no", "disable-syslog=yes", "loglevel=4",
        "security-poll-suffix=",
        "primary=no", "secondary=no",
        "cache-ttl=0", "negquery-cache-ttl=0", "query-cache-ttl=0", "zone-cache-refresh-interval=0",
        "enable-lua-records=yes",
        "receiver-threads=1", "distributor-threads=1",
    ]) + "\n"
    named = f'zone "{zone.rstrip(".") or "."}" {{ type native; file "{file}"; }};\n'
    return {"pdns.conf": conf, "named.conf": named}


def unbound_conf(d: str, interface: str) -> str:
    """Unbound on interface:53, iterating from d/root.hints, its files in d/unbound.

    No prefetch, no serve-expired and a 2 s infra-host TTL, so the TTLs the
    labs set (seconds) are what a client sees."""
    return f"""server:
    interface: {interface}
    port: 53
    access-control: 127.0.0.0/8 allow
    do-ip6: no
    do-not-query-localhost: no
    local-zone: "test." nodefault
    root-hints: "{d}/root.hints"
    module-config: "iterator"
    username: ""
    chroot: ""
    directory: "{d}/unbound"
    pidfile: ""
    use-syslog: no
    logfile: "{d}/unbound/unbound.log"
    verbosity: 1
    qname-minimisation: no
    prefetch: no
    serve-expired: no
    infra-host-ttl: 2
remote-control:
    control-enable: no
"""


def root_hints(root: str) -> str:
    return f". 3600000 NS a.root.test.\na.root.test. 3600000 A {root}\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="lab_servers.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    knot = sub.add_parser("knot")
    knot.add_argument("--dir", required=True)
    knot.add_argument("--listen", action="append", required=True)
    knot.add_argument("--zone", required=True)
    knot.add_argument("--file", required=True)
    knot.add_argument("--storage", required=True)
    knot.add_argument("--journal-content", required=True, choices=("changes", "none"))
    knot.add_argument("--zonefile-load")
    knot.add_argument("--control", action="store_true")
    knot.add_argument("--role", default="static")
    unbound = sub.add_parser("unbound")
    unbound.add_argument("--dir", required=True)
    unbound.add_argument("--interface", required=True)
    hints = sub.add_parser("root-hints")
    hints.add_argument("--root", required=True)
    args = parser.parse_args(argv)
    if args.what == "knot":
        if args.role != "static" and not args.role.startswith(("primary:", "secondary:")):
            parser.error("--role is static, primary:ADDRESS or secondary:ADDRESS")
        text = knot_conf(args.dir, args.listen, args.zone, args.file, storage=args.storage,
                         journal_content=args.journal_content, zonefile_load=args.zonefile_load,
                         control=args.control, tsig_secret=os.environ.get("LAB_TSIG_SECRET") or None,
                         role=args.role)
    elif args.what == "unbound":
        text = unbound_conf(args.dir, args.interface)
    else:
        text = root_hints(args.root)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
