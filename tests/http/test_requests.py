#!/usr/bin/env python3
"""Hostile requests against a real `kchart serve` on loopback: what a raw
socket can send that a well-behaved client never does (docs/api.md,
"Requests refused").

    python3 tests/http/test_requests.py KCHART

Each case fails on the server before these checks: bad UTF-8 answered 503
"out of memory" with Retry-After (a client retries forever); a raw NUL in
the request line cut the URL and served what came before it; 500 or more
query arguments got no status at all; two Content-Lengths, or one beside
Transfer-Encoding, were accepted. The CLI's side: a name that is not UTF-8
was "out of memory" (exit 4).
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile

KC = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TMP = tempfile.mkdtemp(prefix="kchart-requests-")
DB = os.path.join(TMP, "kchart.db")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def raw(port, data, timeout=20):
    """Sends bytes as they are; the status line and the body that came back."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(data)
    out = b""
    try:
        while True:
            d = s.recv(65536)
            if not d:
                break
            out += d
    except OSError:
        pass
    s.close()
    return out.split(b"\r\n", 1)[0].decode("latin-1"), out.split(b"\r\n\r\n", 1)[-1]


def get(port, target, headers=b"", body=b""):
    return raw(port, b"GET " + target + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
               + headers + b"\r\n" + body)


def status(name, got, want):
    check(name, got[0].startswith(f"HTTP/1.1 {want} "), f"got {got[0]!r} {got[1][:120]!r}")


def main():
    r = subprocess.run([KC, "ingest", "--db", DB, os.path.join(ROOT, "tests", "fixtures",
                        "billboard")], capture_output=True, text=True)
    if r.returncode:
        raise SystemExit("ingest failed: " + r.stderr)
    srv = subprocess.Popen([KC, "serve", "--db", DB, "--port", "0", "--threads", "2"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = srv.stdout.readline()
    if "http://" not in line:
        raise SystemExit("the server did not start: " + line + srv.stderr.read())
    port = int(line.split("http://")[1].split("/")[0].split(":")[1])
    try:
        status("a well-formed request", get(port, b"/api/charts"), 200)
        status("HTTP/1.0", raw(port, b"GET /api/charts HTTP/1.0\r\n\r\n"), 200)
        # Bad UTF-8 once percent-decoded: 400 (it was 503 with Retry-After).
        for target in (b"/api/sales/%ff", b"/api/sales/x?artist=%ff",
                       b"/api/records?measure=first-day&artist=%ff", b"/api/songs?q=%c3%28",
                       b"/api/artists/%ed%a0%80"):
            got = get(port, target)
            status(f"GET {target!r}", got, 400)
            check(f"GET {target!r} names UTF-8", b"UTF-8" in got[1], repr(got[1]))
        # A raw NUL in the request line: 400 (the URL before it was served).
        for target in (b"/api/charts/billboard-hot-100\x00.json", b"/index.html\x00",
                       b"/api/songs?q=a\x00b"):
            got = get(port, target)
            status(f"GET {target!r}", got, 400)
            check(f"GET {target!r} names the NUL", b"NUL" in got[1], repr(got[1]))
        # Any number of query arguments gets a status line.
        status("64 arguments", get(port, b"/api/charts?" + b"&".join(
            b"a%d=1" % i for i in range(64))), 200)
        for n in (65, 500, 1000, 5000):
            got = get(port, b"/api/charts?" + b"&".join(b"a%d=1" % i for i in range(n)))
            status(f"{n} arguments", got, 400)
        got = get(port, b"/api/charts?" + b"&".join(b"a" for _ in range(30000)))
        status("30,000 arguments of one byte", got, 400)
        got = get(port, b"/api/charts?" + b"&".join(b"a%d=1" % i for i in range(20000)))
        status("a request line over the connection's memory", got, 414)
        # Two framings of one body: 400, before any body is read.
        status("Content-Length twice", get(
            port, b"/api/charts", b"Content-Length: 0\r\nContent-Length: 5\r\n", b"hello"), 400)
        status("Content-Length with Transfer-Encoding", get(
            port, b"/api/charts", b"Transfer-Encoding: chunked\r\nContent-Length: 0\r\n",
            b"0\r\n\r\n"), 400)
        status("the server still answers", get(port, b"/api/charts"), 200)
    finally:
        srv.terminate()
        srv.wait(timeout=30)
    # The CLI: a name that is not UTF-8 is found nowhere (exit 3), not "out
    # of memory" (exit 4).
    for args in (["sales", b"\xff"], ["records", "--measure", "first-day", "--provider", "circle", "--artist", b"\xff"],
                 ["song", b"\xff"]):
        r = subprocess.run([KC, *args, "--db", DB], capture_output=True)
        check(f"kchart {args[0]} with a name that is not UTF-8", r.returncode in (0, 3),
              f"exit {r.returncode}: {r.stderr[:200]!r}")
        check(f"kchart {args[0]}: not out of memory", b"out of memory" not in r.stderr,
              repr(r.stderr[:200]))
    shutil.rmtree(TMP)
    print(f"http_requests: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
