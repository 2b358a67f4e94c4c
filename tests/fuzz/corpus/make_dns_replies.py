#!/usr/bin/env python3
"""Writes the seeds of the dns_reply fuzz target (dns_reply/*.bin): DNS
replies of the shapes the prober meets, in wire form, built here byte by
byte (no DNS library needed). Run from this directory to regenerate."""
import struct


def name(text, table=None, at=0):
    """A domain name in wire form; with `table`, compressed against earlier names."""
    out = b""
    labels = [l for l in text.rstrip(".").split(".") if l]
    for i in range(len(labels)):
        suffix = ".".join(labels[i:]).lower()
        if table is not None and suffix in table:
            return out + struct.pack("!H", 0xC000 | table[suffix])
        if table is not None:
            table[suffix] = at + len(out)
        label = labels[i].encode()
        out += bytes([len(label)]) + label
    return out + b"\0"


class Reply:
    def __init__(self, qname, qtype, rcode=0, aa=True, tc=False, rd=False, ra=False):
        self.table = {}
        flags = 0x8000 | (0x0400 if aa else 0) | (0x0200 if tc else 0) | (0x0100 if rd else 0) | (0x0080 if ra else 0) | rcode
        self.flags = flags
        self.sections = [[], [], []]
        self.body = b""
        self.question = name(qname, self.table, 12) + struct.pack("!HH", qtype, 1)

    def rr(self, section, owner, rtype, ttl, rdata_fn):
        self.sections[section].append((owner, rtype, ttl, rdata_fn))
        return self

    def wire(self):
        counts = [len(s) for s in self.sections]
        out = struct.pack("!HHHHHH", 0x1234, self.flags, 1, *counts) + self.question
        for section in self.sections:
            for owner, rtype, ttl, rdata_fn in section:
                out += name(owner, self.table, len(out)) if owner != "" else b"\0"
                rclass = 1232 if rtype == 41 else 1
                head = struct.pack("!HHI", rtype, rclass, ttl)
                start = len(out) + len(head) + 2
                rdata = rdata_fn(start)
                out += head + struct.pack("!H", len(rdata)) + rdata
        return out


def a(ip):
    return lambda at: bytes(int(x) for x in ip.split("."))


def aaaa(hexwords):
    return lambda at: b"".join(struct.pack("!H", int(w, 16)) for w in hexwords)


def write(fname, reply):
    with open("dns_reply/" + fname, "wb") as f:
        f.write(reply.wire())


A, NS, CNAME, SOA, MX, TXT, AAAA, SRV, OPT, DS, RRSIG, CAA = 1, 2, 5, 6, 15, 16, 28, 33, 41, 43, 46, 257

r = Reply("www.example.com.", A)
r.rr(0, "www.example.com.", A, 300, a("192.0.2.2")).rr(0, "www.example.com.", A, 300, a("192.0.2.3"))
r.rr(2, "", OPT, 0, lambda at: b"")
write("answer-a.bin", r)

r = Reply("WwW.ExAmPlE.CoM.", AAAA)
r.rr(0, "www.example.com.", AAAA, 300, aaaa(["2001", "db8", "0", "0", "0", "0", "0", "1"]))
write("answer-aaaa-mixed-case.bin", r)

r = Reply("nope.example.com.", A, rcode=3)
r.rr(1, "example.com.", SOA, 300, lambda at: name("ns1.example.com.", r.table, at) + name("hostmaster.example.com.", r.table, at + 2) + struct.pack("!IIIII", 1, 7200, 3600, 1209600, 300))
write("nxdomain-soa.bin", r)

r = Reply("www.dev.example.com.", A, aa=False)
r.rr(1, "dev.example.com.", NS, 172800, lambda at: name("ns1.dev.example.com.", r.table, at))
r.rr(1, "dev.example.com.", DS, 86400, lambda at: struct.pack("!HBB", 12345, 13, 2) + bytes(range(32)))
r.rr(2, "ns1.dev.example.com.", A, 172800, a("192.0.2.9"))
write("referral-glue-ds.bin", r)

r = Reply("big.example.com.", TXT, tc=True)
write("truncated.bin", r)

r = Reply("ftp.example.com.", A, rd=True, ra=True, aa=False)
r.rr(0, "ftp.example.com.", CNAME, 300, lambda at: name("www.example.com.", r.table, at))
r.rr(0, "www.example.com.", A, 300, a("192.0.2.2"))
write("cname-chain.bin", r)

r = Reply("example.com.", MX)
r.rr(0, "example.com.", MX, 300, lambda at: struct.pack("!H", 10) + name("Mail.Example.com.", r.table, at + 2))
r.rr(0, "example.com.", TXT, 300, lambda at: b"\x0bv=spf1 -all\x05other")
r.rr(0, "example.com.", CAA, 300, lambda at: b"\x00\x05issueletsencrypt.org")
write("mx-txt-caa.bin", r)

r = Reply("_sip._tcp.example.com.", SRV)
r.rr(0, "_sip._tcp.example.com.", SRV, 300, lambda at: struct.pack("!HHH", 10, 60, 5060) + name("sip.example.com.", None))
r.rr(0, "_sip._tcp.example.com.", RRSIG, 300, lambda at: struct.pack("!HBBIIIH", SRV, 13, 4, 300, 1800000000, 1700000000, 12345) + name("example.com.", None) + bytes(64))
write("srv-rrsig.bin", r)

r = Reply("www.example.com.", A, rcode=5, aa=False)
write("refused.bin", r)

r = Reply("example.com.", AAAA)
r.rr(1, "example.com.", SOA, 300, lambda at: name("ns1.example.com.", r.table, at) + name("hostmaster.example.com.", r.table, at + 2) + struct.pack("!IIIII", 1, 7200, 3600, 1209600, 300))
write("nodata-soa.bin", r)

r = Reply("odd.example.com.", 65400)
r.rr(0, "odd.example.com.", 65400, 300, lambda at: b"\xc0\x00\x02\x01")
write("unknown-type.bin", r)
