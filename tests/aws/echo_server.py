#!/usr/bin/env python3
"""A loopback HTTP/1.1 server for aws_curl_http_test: answers every request
with JSON describing what it received (method, path, headers, body length,
client port), so the test can see what libcurl put on the wire. A path
starting with /sleep/<ms> waits that long first. Prints its port on stdout.
With CERT and KEY arguments it serves HTTPS."""
import http.server
import json
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/sleep/"):
            time.sleep(int(self.path.split("/")[2]) / 1000.0)
        out = json.dumps({
            "method": self.command, "path": self.path,
            "headers": [[k, v] for k, v in self.headers.items()],
            "body_length": len(body), "client_port": self.client_address[1],
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.send_header("x-amzn-RequestId", "echo-1")
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = do_DELETE = do_PUT = handle_any

    def log_message(self, *args):
        pass


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 3:  # CERT KEY: serve HTTPS with that (self-signed) certificate
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
