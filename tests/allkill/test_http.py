#!/usr/bin/env python3
"""The All-Kill leaderboards of a running `kchart serve` follow the store.

    python3 tests/allkill/test_http.py KCHART

The leaderboards read a tally derived on the server's connection
(temp.allkill_tally, src/derive/allkill.c): this asks them, and the state
at an hour between them, while hours are ingested by another process, the
file forgotten, and ingested again through the server itself; after each,
every answer must be the one a server started afresh on the store gives;
and while songs are merged, split apart again and the store rebuilt, which
move the No. 1s between song ids without adding or removing a snapshot.
"""
import http.client
import os
import shutil
import subprocess
import sys
import tempfile

KC = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
TMP = tempfile.mkdtemp(prefix="kchart-allkill-")
DB = os.path.join(TMP, "ak.db")
PATHS = ["/api/allkill", "/api/allkill?kind=t-rt", "/api/allkill?kind=t-rt&by=first",
         "/api/allkill?year=2024", "/api/allkill?year=2023&kind=t-rt",
         "/api/allkill?kind=t-ck"]
passed = failed = 0


def equal(name, got, want):
    global passed, failed
    if got == want:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: got {got!r:.300}, want {want!r:.300}")


def cli(*args):
    r = subprocess.run([KC, *args, "--db", DB], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"kchart {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def hours(path, first_day, count, no1):
    """A generic CSV: melon-top100 and genie-realtime, count hours from
    first_day T00, no1(i) at No. 1 of hour i and another song at No. 2."""
    with open(path, "w") as f:
        f.write("chart,period,rank,title,artist\n")
        for i in range(count):
            p = "%sT%02d" % (first_day, i)
            s = no1(i)
            o = "Gamma" if s != "Gamma" else "Alpha"
            for c in ("melon-top100", "genie-realtime"):
                f.write(f"{c},{p},1,{s},{s} band\n{c},{p},2,{o},{o} band\n")


class Server:
    def __init__(self):
        self.proc = subprocess.Popen([KC, "serve", "--db", DB, "--port", "0", "--threads",
                                      "1", "--no-cache", "--web", "/nonexistent"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline()
        self.port = int(line.split("http://")[1].split("/")[0].split(":")[1])

    def get(self, path, method="GET", body=None, token=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Authorization": "Bearer " + token} if token else {}
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data

    def answers(self):
        return [self.get(p) for p in PATHS]

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def fresh():
    s = Server()
    try:
        return s.answers()
    finally:
        s.stop()


def song_id(title):
    """The id of the song of this title, as `kchart song` shows it."""
    return cli("song", title, "--format", "csv").splitlines()[1].split(",")[0]


def main():
    a = os.path.join(TMP, "a.csv")
    b = os.path.join(TMP, "b.csv")
    hours(a, "2024-01-01", 6, lambda i: "Alpha" if i < 4 else "Gamma")
    hours(b, "2024-01-02", 5, lambda i: "Beta" if i < 3 else "Alpha")
    cli("ingest", "--quiet", a)
    cli("allkill", "--load", os.path.join(HERE, "rules.csv"))
    token = cli("token", "create", "tests").strip()
    server = Server()
    try:
        before = server.answers()
        equal("answers as a fresh server's", before, fresh())
        equal("the leaderboard has Alpha", b"Alpha" in before[1][1], True)
        server.get("/api/allkill/at/2024-01-01T02?kind=t-rt")
        equal("the same after the state at an hour", server.answers(), before)
        cli("ingest", "--quiet", b)
        after = server.answers()
        equal("another process ingests: answers as a fresh server's", after, fresh())
        equal("... and Beta is there", b"Beta" in after[1][1], True)
        out = subprocess.run([KC, "forget", "--db", DB, b], capture_output=True, text=True)
        equal("forget the file", out.returncode, 0)
        equal("forgotten: the answers of before", server.answers(), before)
        status, _ = server.get("/api/ingest?name=b.csv", "POST", open(b, "rb").read(),
                               token)
        equal("POST the file", status, 200)
        equal("ingested through the server: the answers of after", server.answers(),
              after)
        equal("... as a fresh server's", after, fresh())
        # Beta's hours become Gamma's: the same snapshots, other No. 1s.
        gamma, beta = song_id("Gamma"), song_id("Beta")
        cli("merge", gamma, beta)
        merged = server.answers()
        equal("songs merged: answers as a fresh server's", merged, fresh())
        equal("... and Beta's All-Kills are Gamma's", merged != after
              and b"Beta" not in merged[1][1], True)
        cli("split", gamma, beta)
        undone = server.answers()
        equal("the merge undone: answers as a fresh server's", undone, fresh())
        equal("... the answers of after", undone, after)
        cli("merge", gamma, beta)
        cli("rebuild")
        equal("merged again and rebuilt: the answers of the merge", server.answers(),
              merged)
    finally:
        server.stop()
        shutil.rmtree(TMP, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
