#!/usr/bin/env python3
"""slowloris.py KCHART [PEER]: a normal client's answers while slow clients
hold connections (issue 23).

For each binary: a store of the test fixtures, `kchart serve`, then 4,300
connections from ten loopback addresses (127.0.0.2 to .11) that send half a
request and stop; meanwhile a normal client sends 200 whole requests, one
at a time. Prints the normal client's answers (of 200) and their time
(p50, p99, worst) beside PEER's (an older build) when given.
"""
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SLOW, ADDRESSES, REQUESTS = 4300, 10, 200


def whole(port):
    t = time.perf_counter()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /api/charts HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n")
        data = b""
        while (d := s.recv(65536)):
            data += d
        s.close()
        ok = data.startswith(b"HTTP/1.1 200 ")
    except OSError:
        ok = False
    return ok, (time.perf_counter() - t) * 1000


def run(kchart):
    tmp = tempfile.mkdtemp(prefix="kchart-slowloris-")
    db = os.path.join(tmp, "kchart.db")
    subprocess.run([kchart, "ingest", "--quiet", "--db", db,
                    os.path.join(ROOT, "tests", "fixtures", "billboard")], check=True)
    srv = subprocess.Popen([kchart, "serve", "--db", db, "--port", "0"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(srv.stdout.readline().split("http://")[1].split("/")[0].split(":")[1])
    slow = []
    for i in range(SLOW):
        s = socket.socket()
        s.settimeout(2)
        try:
            s.bind((f"127.0.0.{2 + i % ADDRESSES}", 0))
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET /api/charts HTTP/1.1\r\nHost: b\r\n")
            slow.append(s)
        except OSError:
            s.close()
    results = [whole(port) for _ in range(REQUESTS)]
    for s in slow:
        s.close()
    srv.terminate()
    srv.wait()
    shutil.rmtree(tmp)
    ms = sorted(t for _, t in results)
    return sum(ok for ok, _ in results), ms[len(ms) // 2], ms[len(ms) * 99 // 100], ms[-1]


def main():
    resource.setrlimit(resource.RLIMIT_NOFILE, (SLOW + 500, resource.getrlimit(
        resource.RLIMIT_NOFILE)[1]))
    print(f"{SLOW} half-requests from {ADDRESSES} addresses; a normal client's "
          f"{REQUESTS} requests")
    print(f"{'binary':44} {'answered':>9} {'p50 ms':>8} {'p99 ms':>8} {'worst ms':>9}")
    for b in sys.argv[1:3]:
        b = os.path.abspath(b)
        n, p50, p99, worst = run(b)
        print(f"{b:44} {n:>5}/{REQUESTS} {p50:8.1f} {p99:8.1f} {worst:9.1f}")


if __name__ == "__main__":
    main()
