#!/usr/bin/env python3
"""Webhooks against a receiver on loopback (docs/hooks.md).

    python3 tests/hooks/test_hooks.py KCHART [--down SECONDS]

Builds a store of the repo's Billboard fixtures, puts events into its table
`event` as an ingest stores them (the table is the interface between the
ingest, which writes events, and the deliverer, which reads them), and
checks, with python3's http.server as the receiver:
  - delivery: each event POSTed once, in id order, with its payload, the
    headers Kchart-Event and Kchart-Hook, and a Kchart-Signature that
    verifies with the hook's secret (and not with another secret);
  - filters: --kind, --chart, --artist (an event about a song the artist
    is credited on);
  - the receiver down (its port closed) for SECONDS (default 8) while
    events queue, `kchart hook deliver --watch` running: once it is up,
    everything arrives, in order, nothing twice;
  - an answer other than 2xx is retried; after the retry window (shortened
    by KCHART_HOOK_WINDOW) the event is given up (hook_gaveup) and the next
    one is delivered;
  - `kchart serve` delivers in its thread what another writer stores, and
    a restart of the deliverer sends nothing twice.
"""
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
DOWN = int(sys.argv[sys.argv.index("--down") + 1]) if "--down" in sys.argv else 8
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "tests", "fixtures")
TMP = tempfile.mkdtemp(prefix="kchart-hooks-")
DB = os.path.join(TMP, "kchart.db")
# Retries after 1 s, 2 s, at most 2 s: a test need not wait 5 s doubling.
ENV = dict(os.environ, KCHART_HOOK_BACKOFF="1", KCHART_HOOK_BACKOFF_MAX="2",
           KCHART_HOOK_TIMEOUT="5")

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


def cli(*args, ok=True, env=ENV):
    r = subprocess.run([KC, *args, "--db", DB], capture_output=True, text=True, env=env)
    if ok and r.returncode != 0:
        raise SystemExit(f"kchart {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def hook_add(url, *filters):
    out = cli("hook", "add", url, *filters).stdout.split("\n")
    return int(out[0].split()[1]), out[1].split()[1]


SONG = {}  # title -> (id, credit)
next_key = [0]


def put_events(*events):
    """Stores events as an ingest does, one transaction; returns their ids."""
    con = sqlite3.connect(DB, timeout=30)
    ids = []
    with con:
        for kind, chart, period, song, rank in events:
            next_key[0] += 1
            cur = con.execute(
                "INSERT INTO event (kind, chart_id, period, song_id, artist_id, rank,"
                " figures, sentence, key, learned, file) VALUES (?, ?, ?, ?, NULL, ?,"
                " ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NULL)",
                (kind, chart, period, song, rank, json.dumps({"weeks": next_key[0]}),
                 f"event {next_key[0]}", f"test:{next_key[0]}"))
            ids.append(cur.lastrowid)
    con.close()
    return ids


def wait_for(what, cond, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.1)
    check(what, False, f"not within {seconds} s")
    return False


def main():
    subprocess.run([KC, "ingest", "--quiet", "--db", DB, os.path.join(FIX, "billboard")],
                   check=True)
    con = sqlite3.connect(DB)
    for sid, title, credit in con.execute("SELECT id, title, artist FROM song"):
        SONG[title] = (sid, credit)
    artist_id, artist_name, artist_song = con.execute(
        "SELECT a.id, a.name, sa.song_id FROM song_artist sa JOIN artist a"
        " ON a.id = sa.artist_id ORDER BY sa.song_id DESC LIMIT 1").fetchone()
    chart = con.execute("SELECT chart_id FROM snapshot LIMIT 1").fetchone()[0]
    con.close()
    song1 = next(iter(SONG.values()))[0]

    rx = Receiver()
    # ---- delivered, in order, signed --------------------------------------
    old = put_events(("debut", chart, "1973-05-05", song1, 3))  # before the hook
    hid, secret = hook_add(rx.url("/all"))
    equal("secret: 64 hex digits", (len(secret), set(secret) <= set("0123456789abcdef")),
          (64, True))
    kid, _ = hook_add(rx.url("/no1"), "--kind", "no1")
    cid, _ = hook_add(rx.url("/chart"), "--chart", chart)
    aid, asecret = hook_add(rx.url("/artist"), "--artist", artist_name)
    ids = put_events(("no1", chart, "1973-05-12", song1, 1),
                     ("debut", "spotify-pk-daily", "2025-12-01", song1, 7),
                     ("peak", chart, "1973-05-19", artist_song, 2),
                     ("no1", chart, "1973-05-26", artist_song, 1))
    r = cli("hook", "deliver")
    equal("deliver: summary", r.stdout.splitlines()[-1],
          "delivered 11, failed 0 (retried later), gave up 0")
    got = rx.delivered("/all")
    equal("all: every event after the hook was added, in order", [e for e, _, _ in got], ids)
    check("all: not the event stored before the hook", old[0] not in [e for e, _, _ in got])
    for e, h, b in got:
        check(f"event {e}: signature verifies with the secret", verify(secret, h, b), h)
        check(f"event {e}: not with another secret", not verify(asecret, h, b))
        equal(f"event {e}: Kchart-Hook", h["Kchart-Hook"], str(hid))
        equal(f"event {e}: Content-Type", h["Content-Type"], "application/json")
        t = int(h["Kchart-Signature"].split(",")[0][2:])
        check(f"event {e}: its time is now", abs(t - time.time()) < 60, t)
        equal(f"event {e}: payload id", json.loads(b)["id"], e)
    p = json.loads(got[0][2])
    title = next(t for t, v in SONG.items() if v[0] == song1)
    equal("payload", p, {
        "id": ids[0], "kind": "no1", "chart": chart, "period": "1973-05-12",
        "song": {"id": song1, "title": title, "artist": SONG[title][1], "kind": "song"},
        "artist": None, "rank": 1, "figures": {"weeks": 2}, "sentence": "event 2",
        "learned": p["learned"],
        "links": {"chart": f"/api/charts/{chart}?period=1973-05-12",
                  "song": f"/api/songs/{song1}"}})
    body = got[0][2]
    h = dict(got[0][1])
    h["Kchart-Signature"] = h["Kchart-Signature"].replace("t=", "t=1")
    check("a changed timestamp fails the signature", not verify(secret, h, body))
    check("a changed body fails the signature", not verify(secret, got[0][1], body + b" "))
    equal("--kind no1", [e for e, _, _ in rx.delivered("/no1")], [ids[0], ids[3]])
    equal("--chart", [e for e, _, _ in rx.delivered("/chart")], [ids[0], ids[2], ids[3]])
    equal("--artist (credited on the song)", [e for e, _, _ in rx.delivered("/artist")],
          [ids[2], ids[3]])
    r = cli("hook", "deliver")
    equal("deliver again: nothing twice", r.stdout.splitlines()[-1],
          "delivered 0, failed 0 (retried later), gave up 0")
    listed = json.loads(cli("hook", "list", "--format", "json").stdout)
    equal("list: cursors at the last event", [(x["id"], x["delivered"], x["queued"])
                                              for x in listed],
          [(hid, ids[3], 0), (kid, ids[3], 0), (cid, ids[3], 0), (aid, ids[3], 0)])
    check("list: no secret", secret not in cli("hook", "list", "--format", "csv").stdout)
    for x in (kid, cid, aid):
        equal(f"remove {x}", cli("hook", "remove", str(x)).stdout, f"removed hook {x}\n")

    # ---- the receiver down while events queue -----------------------------
    watch = subprocess.Popen([KC, "hook", "deliver", "--watch", "--db", DB], env=ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = rx.port
    rx.stop()
    queued = []
    for i in range(DOWN * 2):  # an event every half second while it is down
        queued += put_events(("debut", chart, "1973-06-02", song1, 10 + i % 30))
        time.sleep(0.5)
    listed = json.loads(cli("hook", "list", "--format", "json").stdout)[0]
    check("down: the hook says it is failing", listed["failing_since"] is not None and
          "connect" in (listed["last_error"] or ""), listed)
    equal("down: everything queued", listed["queued"], len(queued))
    rx = Receiver(port)
    wait_for("up: the queue drains", lambda: len(rx.delivered("/all")) >= len(queued), 30)
    time.sleep(1)
    got = [e for e, _, _ in rx.delivered("/all")]
    equal(f"down {DOWN} s, then up: everything, in order, nothing twice", got, queued)
    listed = json.loads(cli("hook", "list", "--format", "json").stdout)[0]
    equal("up: no longer failing", (listed["failing_since"], listed["last_error"],
                                    listed["queued"]), (None, None, 0))

    # ---- 5xx retried; given up after the window ---------------------------
    watch.terminate()
    out, err = watch.communicate(timeout=30)
    equal("watch: ends on SIGTERM", watch.returncode, 0)
    check("watch: says what failed", "failed: " in out and "delivered (HTTP 204)" in out,
          out[-500:])
    rx.status = 500
    bad = put_events(("no1", chart, "1973-06-09", song1, 1),
                     ("no1", chart, "1973-06-16", song1, 1))
    env = dict(ENV, KCHART_HOOK_BACKOFF="60")
    r = cli("hook", "deliver", env=env)
    equal("500: retried later", r.stdout.splitlines()[-1],
          "delivered 0, failed 1 (retried later), gave up 0")
    con = sqlite3.connect(DB, timeout=30)
    wait = con.execute("SELECT next_try - failing_since, attempts FROM hook").fetchone()
    equal("500: the next try after the backoff, one attempt", wait, (60, 1))
    rx.status = 200
    r = cli("hook", "deliver", env=env)
    equal("before its next try, nothing is sent", r.stdout.splitlines()[-1],
          "delivered 0, failed 0 (retried later), gave up 0")
    with con:  # the minute passes
        con.execute("UPDATE hook SET next_try = next_try - 60")
    r = cli("hook", "deliver", env=env)
    equal("its next try: delivered, in order", (r.stdout.splitlines()[-1],
                                                [e for e, _, _ in rx.delivered("/all")][-2:]),
          ("delivered 2, failed 0 (retried later), gave up 0", bad))
    # Given up: retried (after 1 s, 2 s...) until 3 s from the first failure.
    env = dict(ENV, KCHART_HOOK_WINDOW="3")
    rx.status = 503
    gone = put_events(("no1", chart, "1973-06-23", song1, 1))
    after = put_events(("no1", chart, "1973-06-30", song1, 1))
    end = time.time() + 30
    while time.time() < end and not con.execute("SELECT 1 FROM hook_gaveup").fetchone():
        cli("hook", "deliver", env=env)
        time.sleep(0.3)
    equal("given up after the window: hook_gaveup",
          con.execute("SELECT hook_id, event_id, error FROM hook_gaveup").fetchall(),
          [(hid, gone[0], "HTTP 503")])
    with rx.lock:
        tries = sum(1 for _, h, _, _ in rx.got if h["Kchart-Event"] == str(gone[0]))
    check("given up after more than one try", tries >= 2, tries)
    rx.status = 200
    with con:  # its next event's retry comes
        con.execute("UPDATE hook SET next_try = 0")
    cli("hook", "deliver", env=env)
    con.close()
    got = [e for e, _, _ in rx.delivered("/all")]
    equal("the event after the one given up is delivered", got[-3:], bad + after)
    check("the event given up is never delivered", gone[0] not in got)
    listed = json.loads(cli("hook", "list", "--format", "json").stdout)[0]
    equal("list: the hook's give-ups", listed["gave_up"], 1)

    # ---- kchart serve pushes what another writer stores --------------------
    serve = subprocess.Popen([KC, "serve", "--db", DB, "--port", "0", "--threads", "1",
                              "--base-url", "https://charts.example.org/"], env=ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = serve.stdout.readline()
    check("serve: starts", "http://" in line, line)
    pushed = put_events(("peak", chart, "1973-07-07", song1, 4))
    wait_for("serve: pushed", lambda: rx.delivered("/all")[-1][0] == pushed[0], 10)
    p = json.loads(rx.delivered("/all")[-1][2])
    equal("serve: links from --base-url", p["links"]["song"],
          f"https://charts.example.org/api/songs/{song1}")
    serve.terminate()
    serve.communicate(timeout=30)
    n = len(rx.delivered("/all"))
    r = cli("hook", "deliver")
    equal("after the server: nothing twice", (r.stdout.splitlines()[-1],
                                              len(rx.delivered("/all"))),
          ("delivered 0, failed 0 (retried later), gave up 0", n))
    rx.stop()
    shutil.rmtree(TMP, ignore_errors=True)
    print(f"hooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
