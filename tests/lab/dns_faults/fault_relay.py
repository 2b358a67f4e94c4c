#!/usr/bin/env python3
"""A DNS relay on loopback that puts one fault between the client and a real
server: each listening address forwards to its backend (a knotd) and applies
its fault to what passes, so the client meets a server that misbehaves in
exactly one way while the answers themselves stay the real server's.

    fault_relay.py [--spoof-source ADDR] [--delay S] LISTEN=FAULT>BACKEND ...
    fault_relay.py 127.60.3.2=drop>127.60.2.1 127.60.3.6=refused>127.60.2.1

Faults (UDP; TCP is forwarded as is unless said otherwise):
  pass       forwards both ways, the control case
  drop       loses the first packet of every question, and every packet of
             about half of the questions (a stable hash of name and type):
             retries recover the first kind, never the second
  late       answers --delay seconds late (longer than the client waits)
  tc         answers with TC set and no records; TCP gives the real answer
  tc-no-tcp  answers with TC set and no records; TCP connections are closed
             at once without a reply
  refused    answers REFUSED itself (also over TCP)
  servfail   answers SERVFAIL itself (also over TCP)
  spoof      forwards, but sends the answer from --spoof-source port 53, not
             from the address the client asked

Only the standard library: the lab adds no dependencies. Runs until killed.
"""

from __future__ import annotations

import argparse
import asyncio
import struct
import sys
import zlib

FAULTS = ("pass", "drop", "late", "tc", "tc-no-tcp", "refused", "servfail", "spoof")
RCODES = {"refused": 5, "servfail": 2}
UPSTREAM_WAIT = 2.0  # seconds to wait for the backend; the client gives up long before


def question_end(message: bytes) -> int:
    """The offset just past the (first) question: header, name, type, class."""
    at = 12
    while at < len(message):
        length = message[at]
        if length == 0:
            return at + 5
        if length & 0xC0:  # a compressed name cannot start a query's question; end it here
            return at + 6
        at += 1 + length
    raise ValueError("question runs past the message")


def question_key(message: bytes) -> bytes:
    """The question, name lower-cased, as the client asked it (stable across retries)."""
    end = question_end(message)
    return message[12:end].lower()


def own_reply(query: bytes, rcode: int) -> bytes:
    """An answer the relay makes itself: the query's id and question, QR set, RD copied, no records."""
    end = question_end(query)
    ident, flags = struct.unpack("!HH", query[:4])
    flags = 0x8000 | (flags & 0x7900) | rcode  # QR, opcode and RD copied, AA/TC/RA clear
    return struct.pack("!HHHHHH", ident, flags, 1, 0, 0, 0) + query[12:end]


def truncated(reply: bytes) -> bytes:
    """The reply with TC set and every section after the question dropped, as a server whose answer does not fit."""
    end = question_end(reply)
    ident, flags, qdcount = struct.unpack("!HHH", reply[:6])
    return struct.pack("!HHHHHH", ident, flags | 0x0200, qdcount, 0, 0, 0) + reply[12:end]


def lost_for_good(key: bytes) -> bool:
    return zlib.crc32(key) % 2 == 0


async def ask_backend_udp(backend: str, query: bytes) -> bytes | None:
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[bytes] = loop.create_future()

    class Upstream(asyncio.DatagramProtocol):
        def datagram_received(self, data: bytes, addr) -> None:  # noqa: ANN001
            if not answer.done() and data[:2] == query[:2]:
                answer.set_result(data)

    transport, _ = await loop.create_datagram_endpoint(Upstream, remote_addr=(backend, 53))
    try:
        transport.sendto(query)
        return await asyncio.wait_for(answer, UPSTREAM_WAIT)
    except asyncio.TimeoutError:
        return None
    finally:
        transport.close()


async def ask_backend_tcp(backend: str, query: bytes) -> bytes | None:
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(backend, 53), UPSTREAM_WAIT)
    except (OSError, asyncio.TimeoutError):
        return None
    try:
        writer.write(struct.pack("!H", len(query)) + query)
        await writer.drain()
        length = struct.unpack("!H", await asyncio.wait_for(reader.readexactly(2), UPSTREAM_WAIT))[0]
        return await asyncio.wait_for(reader.readexactly(length), UPSTREAM_WAIT)
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
        return None
    finally:
        writer.close()


class UdpRelay(asyncio.DatagramProtocol):
    def __init__(self, fault: str, backend: str, options: argparse.Namespace, spoof: asyncio.DatagramTransport | None) -> None:
        self.fault, self.backend, self.options, self.spoof = fault, backend, options, spoof
        self.seen: dict[tuple, int] = {}  # packets per (client, question): each run of the client meets the same losses
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport) -> None:  # noqa: ANN001
        self.transport = transport

    def datagram_received(self, data: bytes, client) -> None:  # noqa: ANN001
        try:
            key = question_key(data)
        except ValueError:
            return  # not a query we can read: a lost packet
        asyncio.get_running_loop().create_task(self.handle(data, key, client))

    async def handle(self, query: bytes, key: bytes, client) -> None:  # noqa: ANN001
        if self.fault in RCODES:
            self.transport.sendto(own_reply(query, RCODES[self.fault]), client)
            return
        if self.fault == "drop":
            seen = self.seen[(client, key)] = self.seen.get((client, key), 0) + 1
            if seen == 1 or lost_for_good(key):
                return
        reply = await ask_backend_udp(self.backend, query)
        if reply is None:
            return
        if self.fault == "late":
            await asyncio.sleep(self.options.delay)
        if self.fault in ("tc", "tc-no-tcp"):
            reply = truncated(reply)
        (self.spoof if self.fault == "spoof" else self.transport).sendto(reply, client)


async def serve_tcp(fault: str, backend: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        if fault == "tc-no-tcp":
            return  # closed before a byte is read: TCP is broken here
        while True:
            length = struct.unpack("!H", await reader.readexactly(2))[0]
            query = await reader.readexactly(length)
            reply = own_reply(query, RCODES[fault]) if fault in RCODES else await ask_backend_tcp(backend, query)
            if reply is None:
                return
            writer.write(struct.pack("!H", len(reply)) + reply)
            await writer.drain()
    except (OSError, ValueError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


def parse_relay(text: str) -> tuple[str, str, str]:
    try:
        listen, rest = text.split("=", 1)
        fault, backend = rest.split(">", 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LISTEN=FAULT>BACKEND, got {text!r}") from None
    if fault not in FAULTS:
        raise argparse.ArgumentTypeError(f"unknown fault {fault!r} (one of {', '.join(FAULTS)})")
    return listen, fault, backend


async def main(options: argparse.Namespace) -> None:
    loop = asyncio.get_running_loop()
    spoof = None
    if any(fault == "spoof" for _, fault, _ in options.relays):
        spoof, _ = await loop.create_datagram_endpoint(asyncio.DatagramProtocol, local_addr=(options.spoof_source, 53))
    servers = []
    for listen, fault, backend in options.relays:
        await loop.create_datagram_endpoint(lambda f=fault, b=backend: UdpRelay(f, b, options, spoof), local_addr=(listen, 53))
        servers.append(await asyncio.start_server(lambda r, w, f=fault, b=backend: serve_tcp(f, b, r, w), listen, 53))
    print("relaying: " + ", ".join(f"{listen} {fault} -> {backend}" for listen, fault, backend in options.relays), flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spoof-source", default="127.60.9.1", help="the address spoof answers come from")
    parser.add_argument("--delay", type=float, default=2.0, help="seconds a late answer waits")
    parser.add_argument("relays", nargs="+", type=parse_relay, metavar="LISTEN=FAULT>BACKEND")
    try:
        asyncio.run(main(parser.parse_args()))
    except KeyboardInterrupt:
        sys.exit(0)
