"""A webhook receiver on loopback for the hooks' tests (docs/hooks.md):
python3's http.server keeping what is POSTed to it, and the signature's
check as docs/hooks.md writes it for a receiver."""
import hashlib
import hmac
import http.server
import threading


class Receiver:
    """An HTTP server on 127.0.0.1 that keeps what is POSTed to it and
    answers with self.status."""

    def __init__(self, port=0):
        self.got = []
        self.status = 204
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with outer.lock:
                    status = outer.status
                    outer.got.append((self.path, dict(self.headers), body, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.allow_reuse_address = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def delivered(self, path):
        """The events answered 2xx at path: (event id, headers, body)."""
        with self.lock:
            return [(int(h["Kchart-Event"]), h, b) for p, h, b, s in self.got
                    if p == path and 200 <= s < 300]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def verify(secret, headers, body):
    """A receiver's check, as docs/hooks.md writes it."""
    parts = dict(p.split("=", 1) for p in headers["Kchart-Signature"].split(","))
    mac = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(mac.hexdigest(), parts["v1"])
