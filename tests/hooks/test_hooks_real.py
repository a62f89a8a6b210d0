#!/usr/bin/env python3
"""Webhooks end to end on a real Hot 100 week (docs/hooks.md).

    python3 tests/hooks/test_hooks_real.py KCHART

Four weeks of ../shared/data's Hot 100 are ingested, a hook is added with
a receiver on loopback, then a week is ingested by the CLI and another is
POSTed to a running `kchart serve` (POST /api/ingest): the hook
receives each week's events as the ingest stored them, in id order, signed,
nothing twice. Skipped (exit 77) without ../shared/data.
"""
import http.client
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from receiver import Receiver, verify

KC = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(os.environ.get("KCHART_DATA", os.path.join(ROOT, "..", "shared", "data")),
                    "billboard-hot100", "date")
TMP = tempfile.mkdtemp(prefix="kchart-hooks-real-")
DB = os.path.join(TMP, "kchart.db")
# The weeks: two of 1990 and two of 2026 stored first; then 2026-08-08 by
# the CLI (Morgan Wallen's "Been By Now" debuts at No. 2), and 1990-01-20
# POSTed to the server (a new No. 1 or a top-10 debut of that week).
FIRST = ["1990-01-06.json", "1990-01-13.json", "2026-07-25.json", "2026-08-01.json"]
CLI_WEEK, POST_WEEK = "2026-08-08.json", "1990-01-20.json"

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def equal(name, got, want):
    check(name, got == want, f"got {got!r:.400}, want {want!r:.400}")


def cli(*args):
    r = subprocess.run([KC, *args, "--db", DB], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"kchart {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r.stdout


def events_after(after):
    con = sqlite3.connect(DB, timeout=30)
    rows = con.execute("SELECT id, sentence FROM event WHERE id > ? ORDER BY id",
                       (after,)).fetchall()
    con.close()
    return rows


def wait_for(cond, seconds):
    end = time.time() + seconds
    while time.time() < end and not cond():
        time.sleep(0.1)
    return cond()


def main():
    if not all(os.path.exists(os.path.join(DATA, f)) for f in FIRST + [CLI_WEEK, POST_WEEK]):
        print(f"skip: no Hot 100 archive at {DATA}")
        return 77
    for f in FIRST:
        cli("ingest", "--quiet", os.path.join(DATA, f))
    rx = Receiver()
    out = cli("hook", "add", rx.url("/real")).split("\n")
    secret = out[1].split()[1]
    last = events_after(-1)[-1][0] if events_after(-1) else 0

    # ---- kchart ingest: delivered by kchart hook deliver -----------------
    cli("ingest", "--quiet", os.path.join(DATA, CLI_WEEK))
    stored = events_after(last)
    check("the week's ingest stored events", len(stored) > 0, stored)
    if not stored:
        return 1
    check("among them Been By Now's debut",
          any("Been By Now" in s and "debuted" in s for _, s in stored), stored)
    cli("hook", "deliver")
    got = rx.delivered("/real")
    equal("every event of the week, in order", [e for e, _, _ in got], [e for e, _ in stored])
    equal("their sentences", [json.loads(b)["sentence"] for _, _, b in got],
          [s for _, s in stored])
    check("signed", all(verify(secret, h, b) for _, h, b in got))

    # ---- POST /api/ingest to a running server: pushed by its thread ------
    token = cli("token", "create", "real").strip()
    serve = subprocess.Popen([KC, "serve", "--db", DB, "--port", "0", "--threads", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = serve.stdout.readline()
    port = int(line.split("http://")[1].split("/")[0].split(":")[1])
    before = stored[-1][0]
    with open(os.path.join(DATA, POST_WEEK), "rb") as f:
        body = f.read()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("POST", f"/api/ingest?name={POST_WEEK}", body=body,
              headers={"Authorization": f"Bearer {token}"})
    r = c.getresponse()
    equal("POST /api/ingest", r.status, 200)
    r.read()
    c.close()
    posted = events_after(before)
    check("the POSTed week stored events", len(posted) > 0, posted)
    if not posted:
        serve.terminate()
        return 1
    wait_for(lambda: len(rx.delivered("/real")) >= len(stored) + len(posted), 20)
    got = rx.delivered("/real")
    equal("the server pushed them, in order, nothing twice", [e for e, _, _ in got],
          [e for e, _ in stored + posted])
    serve.terminate()
    serve.communicate(timeout=30)
    rx.stop()
    shutil.rmtree(TMP, ignore_errors=True)
    print(f"hooks_real: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
