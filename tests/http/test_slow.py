#!/usr/bin/env python3
"""Clients that do not send, against a real `kchart serve` on loopback
(docs/api.md, "Clients that do not send").

    python3 tests/http/test_slow.py KCHART

4,300 connections from ten loopback addresses each send half a request and
stop; meanwhile a client that sends its requests whole must get every
answer (before, the connection cap filled and it was refused). One more
connection trickles a header byte a second: it must be closed by the
header deadline however often it sends (libmicrohttpd's own timeout
restarted with every byte). How fast the answers come is measured by
bench/slowloris.py, not here.
"""
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time

KC = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TMP = tempfile.mkdtemp(prefix="kchart-slow-")
DB = os.path.join(TMP, "kchart.db")
SLOW, ADDRESSES, DEADLINE = 4300, 10, 10
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def whole_request(port):
    """A request sent whole; the answer, or b"" when refused or timed out."""
    data = b""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(b"GET /api/charts HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        while True:
            d = s.recv(65536)
            if not d:
                break
            data += d
        s.close()
    except OSError:
        pass
    return data


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = SLOW + 200
    if hard != resource.RLIM_INFINITY and hard < want:
        print(f"skipped: {want} open files needed, the limit is {hard}")
        return 77
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    subprocess.run([KC, "ingest", "--quiet", "--db", DB,
                    os.path.join(ROOT, "tests", "fixtures", "billboard")], check=True)
    srv = subprocess.Popen([KC, "serve", "--db", DB, "--port", "0", "--threads", "2"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = srv.stdout.readline()
    if "http://" not in line:
        raise SystemExit("the server did not start: " + line + srv.stderr.read())
    port = int(line.split("http://")[1].split("/")[0].split(":")[1])
    slow = []
    try:
        for i in range(SLOW):
            s = socket.socket()
            s.settimeout(5)
            try:
                s.bind((f"127.0.0.{2 + i % ADDRESSES}", 0))
                s.connect(("127.0.0.1", port))
                s.sendall(b"GET /api/charts HTTP/1.1\r\nHost: t\r\n")
                slow.append(s)
            except OSError:
                s.close()
        check(f"{SLOW} slow connections opened", len(slow) >= SLOW * 9 // 10, len(slow))
        answered = sum(whole_request(port).startswith(b"HTTP/1.1 200 ") for _ in range(50))
        check("a whole request is answered beside them (50 of 50)", answered == 50,
              f"{answered} of 50")
        # The trickling connection, opened last (the oldest waiting ones are
        # the ones closed for newcomers: it must be closed by the deadline,
        # not by that rule), sends a byte a second; it must be closed by the
        # deadline (a few seconds of grace for a loaded machine), and not
        # before it.
        trickle = socket.create_connection(("127.0.0.1", port), timeout=5)
        trickle.sendall(b"GET /api/charts HTTP/1.1\r\nHost: t\r\n")
        opened = time.monotonic()
        closed = False
        while not closed and time.monotonic() - opened < DEADLINE + 8:
            try:
                trickle.sendall(b"X")
                trickle.settimeout(1)
                closed = trickle.recv(1) == b""
            except socket.timeout:
                pass
            except OSError:
                closed = True
        lasted = time.monotonic() - opened
        check("a client sending a byte a second is closed by the deadline", closed)
        check("... and not before it", lasted >= DEADLINE - 1, f"closed after {lasted:.1f} s")
        check("still answering", whole_request(port).startswith(b"HTTP/1.1 200 "))
    finally:
        for s in slow:
            s.close()
        srv.terminate()
        srv.wait(timeout=30)
    shutil.rmtree(TMP)
    print(f"http_slow: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
