#!/usr/bin/env python3
"""DELETE /api/ingest/{digest} against a real `kchart serve` (docs/api.md).

    python3 tests/forget/test_http.py KCHART

A store of the fixtures, a file POSTed then forgotten: without a token 401,
a malformed digest 400, an unknown one 404, ?dry_run=1 changes nothing, and
the forget itself answers what went, is served at once, and leaves the
store as `kchart forget` leaves a copy of it.
"""
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

KC = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "tests", "fixtures")
TMP = tempfile.mkdtemp(prefix="kchart-forget-")
DB = os.path.join(TMP, "kchart.db")
passed = failed = 0


def equal(name, got, want):
    global passed, failed
    if got == want:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: got {got!r:.300}, want {want!r:.300}")


def cli(*args, db=DB):
    r = subprocess.run([KC, *args, "--db", db], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"kchart {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def dump(db):
    con = sqlite3.connect(db)
    lines = [line for line in con.iterdump()]
    con.close()
    return lines


def main():
    cli("ingest", "--quiet", os.path.join(FIX, "billboard"))
    cli("ingest", "--quiet", os.path.join(FIX, "spotify", "regional-pk-daily-2025-12-01.csv"))
    token = cli("token", "create", "tests").strip()
    proc = subprocess.Popen([KC, "serve", "--db", DB, "--port", "0", "--threads", "2",
                             "--web", "/nonexistent"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    port = int(line.split("http://")[1].split("/")[0].split(":")[1])

    def request(method, path, body=None, auth=True):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Authorization": "Bearer " + token} if auth else {}
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data

    try:
        name = "regional-pk-daily-2025-12-02.csv"
        data = open(os.path.join(FIX, "spotify", name), "rb").read()
        status, _ = request("POST", "/api/ingest?name=" + name, data)
        equal("POST the file", status, 200)
        said = subprocess.run([KC, "forget", "--dry-run", "--db", DB,
                               os.path.join(FIX, "spotify", name)],
                              capture_output=True, text=True).stdout
        digest = re.search(r"file ([0-9a-f]{32})\)", said).group(1)
        equal("its digest", len(digest), 32)
        path = "/api/ingest/" + digest
        equal("without a token: 401", request("DELETE", path, auth=False)[0], 401)
        equal("a malformed digest: 400", request("DELETE", "/api/ingest/xyz")[0], 400)
        status, body = request("DELETE", "/api/ingest/" + "0" * 32)
        equal("an unknown digest: 404", status, 404)
        equal("an unknown digest: says so",
              "unknown file" in json.loads(body)["error"]["message"], True)
        equal("served before", json.loads(request("GET", "/api/charts/spotify-pk-daily")[1])
              ["period"], "2025-12-02")
        before = dump(DB)
        status, body = request("DELETE", path + "?dry_run=1")
        answer = json.loads(body)
        equal("dry run: 200", status, 200)
        equal("dry run: what would go",
              (answer["dry_run"], answer["files"][0]["snapshots"], answer["files"][0]["path"]),
              (True, 1, name))
        equal("dry run: nothing changed", dump(DB), before)
        copy = os.path.join(TMP, "copy.db")
        src, dst = sqlite3.connect(DB), sqlite3.connect(copy)
        src.backup(dst)  # with what the WAL holds
        src.close()
        dst.close()
        status, body = request("DELETE", path)
        answer = json.loads(body)
        equal("forget: 200", status, 200)
        equal("forget: what went",
              (answer["dry_run"], answer["files"][0]["kind"], answer["files"][0]["snapshots"]),
              (False, "chart", 1))
        equal("served at once without it",
              json.loads(request("GET", "/api/charts/spotify-pk-daily")[1])["period"],
              "2025-12-01")
        equal("again: 404", request("DELETE", path)[0], 404)
        cli("forget", digest, db=copy)
        # Not the rows of chart_cover (migrate-014.sql): the server's reads
        # filled them; the CLI's store was not read.
        def kept(l):
            return ("ingest_file" not in l and "token" not in l
                    and not l.startswith('INSERT INTO "chart_cover"'))
        equal("the store as the CLI's forget leaves it",
              [l for l in dump(DB) if kept(l)], [l for l in dump(copy) if kept(l)])
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(TMP, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
