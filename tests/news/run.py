#!/usr/bin/env python3
"""The stored news (docs/news.md), on a small Hot 100 shaped by hand.

Six weeks of a top 10 (generic CSV, one file a week). Weeks 1, 2, 4, 5 and
6 are ingested first, week 3 after them (a backfill). What each week holds:
  week 1  A1..A10 (the first period: nothing is news)
  week 2  B1 debuts at No. 1 (a No. 1), C1 debuts at No. 5 (a debut)
  week 3  D1 debuts at No. 3 (only the backfill brings it)
  week 4  D1 at No. 3 again (a debut until week 3 comes), A1 back to No. 1
  week 5  as week 4
  week 6  E1 debuts at No. 2, by "Artist E feat. Artist D"
Checked: each event is stored once with its file's digest and the time of
its commit (KCHART_NOW); the same files again add nothing; the backfill adds
what it reveals (D1's debut in week 3) and keeps every earlier event byte for
byte (id, key, sentence, learned; D1's debut in week 4 stays: history); a
rebuild adds nothing and changes nothing; each filter of `kchart news`, and
the same through /api/news; the Atom feed (/feed.atom, RFC 4287's rules as a
validator checks them: feed id, title, updated, author, self link; each
entry's id unique and stable across commits, title, updated, an absolute
alternate link); a store older than the events learns them once as it opens.

Then re-entries and new peaks: the same shapes on a daily chart (news) and
an hourly one (not news); and on eight real Hot 100 weeks (skipped without
../shared/data or $KCHART_DATA), a known new peak and a known re-entry with
their figures, each checked against Billboard's own counters; the same
files twice, a backfill that reveals the re-entry, the filters, /api/news,
the feeds and the hooks of the two kinds, and forget.

Usage: run.py KCHART
"""
import glob
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import http.client

KC = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TMP = tempfile.mkdtemp()
DB = os.path.join(TMP, "news.db")
failures = 0


def check(name, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
    failures += not ok


def equal(name, got, want):
    check(name, got == want, f"got {got!r}, want {want!r}")


def kc(*args, now=None, ok=True):
    env = dict(os.environ)
    env.pop("KCHART_DB", None)
    if now:
        env["KCHART_NOW"] = now
    p = subprocess.run([KC, *args], capture_output=True, text=True, env=env)
    if ok and p.returncode != 0:
        raise SystemExit(f"kchart {' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p


def news(*args):
    """The rows of `kchart news --format json` (an object keeping its
    context, the rows under "rows")."""
    doc = json.loads(kc("news", "--db", DB, "--format", "json", "--limit", "0",
                        *args).stdout)
    return doc["rows"] if isinstance(doc, dict) else doc


def events():
    with sqlite3.connect(DB) as c:
        return c.execute("SELECT id, key, sentence, learned FROM event ORDER BY id").fetchall()


WEEKS = ["2024-01-06", "2024-01-13", "2024-01-20", "2024-01-27", "2024-02-03",
         "2024-02-10"]


def week_rows(n):
    rows = [(f"Song A{i}", f"Artist A{i}") for i in range(1, 11)]
    if n >= 2:
        rows = [("Song B1", "Artist B")] + rows[:4] + [("Song C1", "Artist C")] + rows[4:8]
    if n >= 3:
        rows = rows[:2] + [("Song D1", "Artist D")] + rows[2:9]
    if n >= 4:  # A1 back to No. 1
        a1 = rows.index(("Song A1", "Artist A1"))
        rows.insert(0, rows.pop(a1))
    if n >= 6:
        rows = rows[:1] + [("Song E1", "Artist E feat. Artist D")] + rows[1:9]
    return rows


def write_week(folder, n):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"hot100-{WEEKS[n - 1]}.csv")
    with open(path, "w") as f:
        f.write("chart,period,rank,title,artist\n")
        for rank, (title, artist) in enumerate(week_rows(n), 1):
            f.write(f"billboard-hot-100,{WEEKS[n - 1]},{rank},{title},{artist}\n")
    return path


first = os.path.join(TMP, "first")
for n in (1, 2, 4, 5, 6):
    write_week(first, n)
late = write_week(os.path.join(TMP, "late"), 3)

T1, T2, T3, T4 = ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z",
                  "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z")
kc("ingest", "--quiet", "--db", DB, first, now=T1)
before = events()
got = {(e["kind"], e["period"], e["title"]) for e in news()}
equal("the events of the first ingest", got, {
    ("no1", WEEKS[1], "Song B1"), ("debut", WEEKS[1], "Song C1"),
    ("debut", WEEKS[3], "Song D1"), ("no1", WEEKS[3], "Song A1"),
    ("debut", WEEKS[5], "Song E1")})
equal("learned: the commit's time (KCHART_NOW)", {e[3] for e in before}, {T1})
with sqlite3.connect(DB) as c:
    files = c.execute("SELECT period, count(DISTINCT file), min(file) FROM event "
                      "GROUP BY period ORDER BY period").fetchall()
check("file: a digest (XXH3-128, hex) of the week's file, one a week",
      all(n == 1 and re.fullmatch(r"[0-9a-f]{32}", f or "") for _, n, f in files) and
      len({f for _, _, f in files}) == len(files), files)

kc("ingest", "--quiet", "--db", DB, first, now=T2)
equal("the same files twice add nothing", events(), before)

kc("ingest", "--quiet", "--db", DB, late, now=T3)
after = events()
equal("a backfill keeps every earlier event byte for byte", after[:len(before)], before)
added = [e for e in after[len(before):]]
equal("... and adds what it reveals", [(e[1], e[3]) for e in added],
      [(f"debut/billboard-hot-100/{WEEKS[2]}/" + e[1].rsplit("/", 1)[1], T3) for e in added])
equal("... one event: D1's debut in week 3", [e[2] for e in added],
      [f"Song D1 (Artist D) debuted at No. 3 on the Billboard Hot 100 for {WEEKS[2]}."])
check("... D1's debut in week 4, learned before, stays (history)",
      any(f"Song D1 (Artist D) debuted at No. 3 on the Billboard Hot 100 for {WEEKS[3]}."
          == e[2] for e in after))

kc("rebuild", "--db", DB, now=T4)
equal("a rebuild keeps the events and adds none here", events(), after)

# ---- the filters --------------------------------------------------------
equal("--kind no1", sorted(e["title"] for e in news("--kind", "no1")),
      ["Song A1", "Song B1"])
equal("--chart", len(news("--chart", "billboard-hot-100")), len(after))
equal("--chart of another chart", news("--chart", "spotify-global-daily"), [])
equal("--artist by name (as credited: a featured artist too)",
      sorted((e["period"], e["title"]) for e in news("--artist", "Artist D")),
      [(WEEKS[2], "Song D1"), (WEEKS[3], "Song D1"), (WEEKS[5], "Song E1")])
with sqlite3.connect(DB) as c:
    artist_id = c.execute("SELECT id FROM artist WHERE name = 'Artist D'").fetchone()[0]
equal("--artist by id", news("--artist", str(artist_id)), news("--artist", "Artist D"))
equal("--since a time: learned since", [e["title"] for e in news("--since", T3)],
      ["Song D1"])
equal("--since a day", len(news("--since", "2026-01-01")), len(after))
equal("--since after everything", news("--since", "2026-02-01"), [])
equal("--from a day: periods from it on",
      sorted(e["period"] for e in news("--from", WEEKS[4])), [WEEKS[5]])
equal("filters together", [e["title"] for e in news("--kind", "debut", "--artist",
                                                     "Artist D", "--since", T3)],
      ["Song D1"])
page = news("--limit", "2")
equal("--limit: newest period first", [e["period"] for e in news()][:2],
      [e["period"] for e in page])
one = news()[0]
check("JSON: id, kind, figures (an object), learned",
      isinstance(one["id"], int) and one["kind"] and isinstance(one["figures"], dict)
      and one["learned"] == T1 and one["figures"].get("rank") == one["rank"], one)
for args, code in ((["--kind", "nope"], 1), (["--artist", "Nobody Here"], 3),
                   (["--since", "yesterday"], 1), (["--chart", "nope"], 3)):
    p = kc("news", "--db", DB, *args, ok=False)
    check(f"news {' '.join(args)}: refused ({p.stderr.strip()})",
          p.returncode != 0 and p.stderr.startswith("kchart: "), p.returncode)


# ---- the server: /api/news and /feed.atom --------------------------------
class Server:
    def __init__(self, *extra):
        self.proc = subprocess.Popen([KC, "serve", "--db", DB, "--port", "0",
                                      "--threads", "2", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline()
        if "http://" not in line:
            raise SystemExit("the server did not start: " + line + self.proc.stderr.read())
        self.host, port = line.split("http://")[1].split("/")[0].split(":")
        self.port = int(port)

    def get(self, path, host=None):
        c = http.client.HTTPConnection(self.host, self.port, timeout=30)
        c.request("GET", path, headers={"Host": host} if host else {})
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, body

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def feed_valid(name, root, self_href, base):
    """RFC 4287's rules, as a feed validator checks them."""
    check(f"{name}: the root is an atom:feed", root.tag == ATOM + "feed", root.tag)
    for what in ("id", "title", "updated"):
        equal(f"{name}: one atom:{what}", len(root.findall(ATOM + what)), 1)
    check(f"{name}: feed id is a URI", re.match(r"^(urn|tag|https?):", root.findtext(ATOM + "id")
                                                or ""), root.findtext(ATOM + "id"))
    check(f"{name}: feed updated is RFC 3339", RFC3339.match(root.findtext(ATOM + "updated") or ""))
    check(f"{name}: an author with a name",
          (root.find(ATOM + "author") is not None and
           root.find(ATOM + "author").findtext(ATOM + "name")))
    selfs = [l.get("href") for l in root.findall(ATOM + "link") if l.get("rel") == "self"]
    equal(f"{name}: the self link", selfs, [self_href])
    ids = []
    for e in root.findall(ATOM + "entry"):
        eid = e.findtext(ATOM + "id") or ""
        ids.append(eid)
        alt = [l.get("href") for l in e.findall(ATOM + "link")
               if l.get("rel", "alternate") == "alternate"]
        if not (re.match(r"^urn:uuid:[0-9a-f-]{36}$", eid) and e.findtext(ATOM + "title")
                and RFC3339.match(e.findtext(ATOM + "updated") or "")
                and len(alt) == 1 and alt[0].startswith(base + "/")):
            check(f"{name}: each entry has an id, a title, updated and an absolute "
                  "alternate link", False, ET.tostring(e)[:300])
            break
    else:
        check(f"{name}: each entry has an id, a title, updated and an absolute alternate "
              "link", True)
    equal(f"{name}: entry ids are unique", len(set(ids)), len(ids))
    return ids


srv = Server("--base-url", "https://charts.example.org")
try:
    status, body = srv.get("/api/news?limit=100")
    body = json.loads(body)
    equal("/api/news = kchart news", body["events"], news())
    equal("/api/news total", body["total"], len(after))
    for q, args in (("kind=debut", ["--kind", "debut"]),
                    ("chart=billboard-hot-100", ["--chart", "billboard-hot-100"]),
                    ("artist=Artist%20D", ["--artist", "Artist D"]),
                    ("since=" + T3, ["--since", T3]), ("from=" + WEEKS[4], ["--from", WEEKS[4]])):
        status, b = srv.get("/api/news?limit=100&" + q)
        equal(f"/api/news?{q} = kchart news {' '.join(args)}", json.loads(b)["events"],
              news(*args))
    status, b = srv.get("/api/news?limit=1&kind=debut")
    equal("/api/news: next keeps the filters", json.loads(b)["next"],
          "/api/news?kind=debut&offset=1&limit=1")
    for q, want in (("kind=nope", 400), ("artist=Nobody%20Here", 404), ("since=2024-1-1", 400)):
        equal(f"/api/news?{q}", srv.get("/api/news?" + q)[0], want)

    base = "https://charts.example.org"
    status, body = srv.get("/feed.atom")
    equal("/feed.atom", status, 200)
    root = ET.fromstring(body)
    ids = feed_valid("the feed", root, base + "/feed.atom", base)
    equal("the feed: updated = the latest learned", root.findtext(ATOM + "updated"), T3)
    equal("the feed: the latest learned first",
          [e.findtext(ATOM + "title") for e in root.findall(ATOM + "entry")],
          [e[2] for e in reversed(after)])
    equal("the feed: each entry's updated is when it was learned",
          [e.findtext(ATOM + "updated") for e in root.findall(ATOM + "entry")],
          [e[3] for e in reversed(after)])
    status, body = srv.get("/feed.atom?artist=Artist%20D&kind=debut")
    one = ET.fromstring(body)
    feed_valid("an artist's feed of one kind", one,
               base + "/feed.atom?artist=Artist%20D&kind=debut", base)
    equal("an artist's feed: its events",
          sorted(e.findtext(ATOM + "title") for e in one.findall(ATOM + "entry")),
          sorted(e["text"] for e in news("--artist", "Artist D", "--kind", "debut")))
    check("an artist's feed has an id of its own",
          one.findtext(ATOM + "id") != root.findtext(ATOM + "id"))
    status, body = srv.get("/feed.atom?chart=billboard-hot-100")
    feed_valid("a chart's feed", ET.fromstring(body),
               base + "/feed.atom?chart=billboard-hot-100", base)
finally:
    srv.stop()

# An entry keeps its id: another week learned later, the old entries' ids
# are the same.
write_week(os.path.join(TMP, "more"), 6)
with open(os.path.join(TMP, "more", "hot100-2024-02-17.csv"), "w") as f:
    f.write("chart,period,rank,title,artist\n")
    f.write("billboard-hot-100,2024-02-17,1,Song F1,Artist F\n")
    for rank, (title, artist) in enumerate(week_rows(6)[:9], 2):
        f.write(f"billboard-hot-100,2024-02-17,{rank},{title},{artist}\n")
kc("ingest", "--quiet", "--db", DB, os.path.join(TMP, "more"), now=T4)
srv = Server()
try:
    status, body = srv.get("/feed.atom", host="localhost:9")
    again = ET.fromstring(body)
    ids2 = feed_valid("the feed through the Host", again, "http://localhost:9/feed.atom",
                      "http://localhost:9")
    equal("entry ids never change: the old entries after a new one", ids2[1:], ids)
finally:
    srv.stop()

# ---- a store older than the events learns them once ----------------------
old = os.path.join(TMP, "old.db")
kc("ingest", "--quiet", "--db", old, first, now=T1)
# Back to schema step 9: every table (FTS5 ones too), index, view and
# trigger step 10 and the later steps made, dropped (their migrations run again as the store
# opens; an index of a table dropped goes with it).
later = sorted(glob.glob(os.path.join(ROOT, "src", "store", "sql", "migrate-0*.sql")))
later = [p for p in later if int(os.path.basename(p)[8:11]) >= 10]
with sqlite3.connect(old) as c:
    c.execute("DELETE FROM event")
    for path in reversed(later):
        for kind, name in re.findall(r"^CREATE (VIRTUAL TABLE|TABLE|INDEX|VIEW|TRIGGER) (\w+)", open(path).read(), re.M):
            c.execute(f"DROP {kind.replace('VIRTUAL ', '')} IF EXISTS {name}")
    c.execute("PRAGMA user_version = 9")
kc("news", "--db", old, now=T2)
with sqlite3.connect(old) as c:
    got = c.execute("SELECT count(*), min(learned), max(learned), count(file) FROM event").fetchone()
equal("a store older than the events: learned once as it migrates, of no file",
      got, (len(before), T2, T2, 0))


# ---- re-entries and new peaks: a daily chart, and not an hourly one ------
# Four periods of a top 20, the same on Spotify's daily global chart and on
# Melon's real-time chart: S15 climbs 15-5 (into the top 10 for the first
# time) in the second, S20 drops off in the third and comes back at No. 3
# in the fourth (a re-entry, at a new peak). On the daily chart both are
# news; on the hourly one neither is (an hour's noise).
def top20(n):
    rows = [f"S{i}" for i in range(1, 21)]
    if n >= 2:
        rows.remove("S15")
        rows.insert(4, "S15")
    if n == 3:
        rows[rows.index("S20")] = "X1"
    if n >= 4:
        rows.remove("S20")
        rows.insert(2, "S20")
    return rows


SDB = os.path.join(TMP, "shapes.db")
with open(os.path.join(TMP, "shapes.csv"), "w") as f:
    f.write("chart,period,rank,title,artist\n")
    for chart_id, periods in (("spotify-global-daily", [f"2024-03-0{d}" for d in range(1, 5)]),
                              ("melon-realtime", [f"2024-03-01T0{h}" for h in range(4)])):
        for n, period in enumerate(periods, 1):
            for rank, title in enumerate(top20(n), 1):
                f.write(f"{chart_id},{period},{rank},Song {title},Artist {title}\n")
kc("ingest", "--quiet", "--db", SDB, os.path.join(TMP, "shapes.csv"), now=T1)
shapes = json.loads(kc("news", "--db", SDB, "--format", "json", "--limit", "0").stdout)["rows"]
equal("a daily chart: a new peak and a re-entry at a new peak, said by the day",
      sorted((e["kind"], e["period"], e["text"]) for e in shapes
             if e["chart"] == "spotify-global-daily"),
      [("peak", "2024-03-02", "Song S15 (Artist S15) reached the top 10 of the Spotify "
        "Daily Top 200 Global for the first time, climbing from No. 15 to a new peak of "
        "No. 5 for 2024-03-02, in its 2nd day."),
       ("reentry", "2024-03-04", "Song S20 (Artist S20) returned to the Spotify Daily "
        "Top 200 Global at a new peak of No. 3 for 2024-03-04, in its 3rd day on the "
        "chart.")])
with sqlite3.connect(SDB) as c:
    statuses = c.execute("SELECT group_concat(e.status) FROM snapshot s JOIN entry e "
                         "ON e.snapshot_id = s.id WHERE s.chart_id = 'melon-realtime' "
                         "AND s.period > '2024-03-01T00' AND e.rank IN (3, 5) "
                         "AND e.status IN ('up', 're-entry')").fetchone()[0]
equal("an hourly chart: the same climb and re-entry stored", statuses, "up,re-entry")
equal("... and neither is news there", [e["text"] for e in shapes
                                        if e["chart"] == "melon-realtime"], [])

# ---- re-entries and new peaks, on real Hot 100 weeks ---------------------
# Eight weeks of the archive, 2024-12-07 to 2025-01-25, all but 2025-01-04,
# then that week (a backfill). What the charts say (their own counters are
# checked below): "Santa Tell Me" (Ariana Grande) climbs 14-9 for 2024-12-28,
# its first week in the top 10 (Billboard's peak_position 11, then 9); "Lose
# Control" (Teddy Swims), No. 25 for 2024-12-28, is off the chart for
# 2025-01-04 (Billboard's recurrent rule) and back at No. 4 for 2025-01-11,
# in its 72nd week. Without the week of 2025-01-04, Lose Control only
# climbs 25-4 (below its peak, No. 1): the backfill reveals the re-entry.
SHARED = os.path.abspath(os.environ.get("KCHART_DATA") or
                         os.path.join(ROOT, "..", "shared", "data"))
HOT100 = os.path.join(SHARED, "billboard-hot100", "date")
REAL = ["2024-12-07", "2024-12-14", "2024-12-21", "2024-12-28", "2025-01-04",
        "2025-01-11", "2025-01-18", "2025-01-25"]
if not os.path.isdir(HOT100):
    print("skip re-entries and new peaks on real Hot 100 weeks: no " + HOT100)
else:
    import shutil
    RDB = os.path.join(TMP, "real.db")
    weeks, backfill = os.path.join(TMP, "real"), os.path.join(TMP, "real-late")
    os.makedirs(weeks)
    os.makedirs(backfill)
    for w in REAL:
        shutil.copy(os.path.join(HOT100, w + ".json"),
                    backfill if w == "2025-01-04" else weeks)

    def chart(week):
        with open(os.path.join(HOT100, week + ".json")) as f:
            return {(r["song"], r["artist"]): r for r in json.load(f)["data"]}

    def rnews(*args):
        doc = json.loads(kc("news", "--db", RDB, "--format", "json", "--limit", "0",
                            *args).stdout)
        return doc["rows"]

    def revents():
        with sqlite3.connect(RDB) as c:
            return c.execute("SELECT id, key, sentence, learned, file FROM event "
                             "ORDER BY id").fetchall()

    santa, lose = ("Santa Tell Me", "Ariana Grande"), ("Lose Control", "Teddy Swims")
    c21, c28, c04, c11 = (chart("2024-12-21"), chart("2024-12-28"), chart("2025-01-04"),
                          chart("2025-01-11"))
    check("Billboard's own counters: Santa Tell Me 14-9, its peak 11 then 9",
          (c21[santa]["this_week"], c21[santa]["peak_position"], c28[santa]["this_week"],
           c28[santa]["last_week"], c28[santa]["peak_position"],
           c28[santa]["weeks_on_chart"]) == (14, 11, 9, 14, 9, 28))
    check("Billboard's own counters: Lose Control off for 2025-01-04, back at No. 4 "
          "(no last week, 72 weeks, peak 1)",
          lose in c28 and lose not in c04 and
          (c11[lose]["this_week"], c11[lose]["last_week"], c11[lose]["weeks_on_chart"],
           c11[lose]["peak_position"]) == (4, None, 72, 1))

    kc("ingest", "--quiet", "--db", RDB, weeks, now=T1)
    first_events = revents()
    peaks = [e for e in rnews("--kind", "peak") if e["title"] == santa[0]]
    equal("a new peak: Santa Tell Me into the top 10 for the first time",
          [(e["period"], e["rank"], e["figures"]["last"], e["figures"]["periods"],
            e["figures"]["peak_before"]) for e in peaks], [("2024-12-28", 9, 14, 28, 11)])
    equal("... its sentence", [e["text"] for e in peaks],
          ["Santa Tell Me (Ariana Grande) reached the top 10 of the Billboard Hot 100 "
           "for the first time, climbing from No. 14 to a new peak of No. 9 for "
           "2024-12-28, in its 28th week."])
    every = rnews()
    check("every new peak is a climb into the top 10 from a best below it, from the "
          "week before",
          all(e["rank"] <= 10 < e["figures"]["peak_before"] and
              e["figures"]["last"] > 10 and e["figures"]["status"] == "up"
              for e in every if e["kind"] == "peak"),
          [e["text"] for e in every if e["kind"] == "peak"])
    check("... and Billboard's peak_position agrees with each",
          all(chart(e["period"])[(e["title"], e["artist"])]["peak_position"] == e["rank"]
              for e in every if e["kind"] == "peak"))
    equal("without the week of 2025-01-04: no re-entry",
          [e["title"] for e in rnews("--kind", "reentry")], [])

    kc("ingest", "--quiet", "--db", RDB, weeks, now=T2)
    equal("real weeks: the same files twice add nothing", revents(), first_events)

    kc("ingest", "--quiet", "--db", RDB, backfill, now=T3)
    after_real = revents()
    equal("real weeks: a backfill keeps every earlier event byte for byte",
          after_real[:len(first_events)], first_events)
    back = [e for e in rnews("--kind", "reentry") if e["title"] == lose[0]]
    equal("... and reveals the re-entry: Lose Control back at No. 4",
          [(e["period"], e["rank"], e["figures"]["periods"], e["figures"]["peak"],
            e["figures"]["new_peak"], e["learned"]) for e in back],
          [("2025-01-11", 4, 72, 1, False, T3)])
    equal("... its sentence", [e["text"] for e in back],
          ["Lose Control (Teddy Swims) returned to the Billboard Hot 100 at No. 4 for "
           "2025-01-11, in its 72nd week on the chart."])
    with sqlite3.connect(RDB) as c:
        digest = lambda path: c.execute(
            "SELECT digest FROM ingest_file WHERE path LIKE ?", ("%" + path,)).fetchone()
        late_file = c.execute("SELECT file FROM event WHERE kind = 'reentry'").fetchone()
        santa_file = c.execute("SELECT file FROM event WHERE kind = 'peak' AND "
                               "sentence LIKE 'Santa Tell Me%'").fetchone()
    check("... of the backfill's file, which revealed it",
          late_file and late_file == digest("real-late/2025-01-04.json"),
          (late_file, digest("real-late/2025-01-04.json")))
    check("a new peak's file is its week's", santa_file and santa_file ==
          digest("real/2024-12-28.json"), (santa_file, digest("real/2024-12-28.json")))
    equal("--kind reentry and --kind peak: only theirs",
          ({e["kind"] for e in rnews("--kind", "reentry")},
           {e["kind"] for e in rnews("--kind", "peak")}), ({"reentry"}, {"peak"}))
    equal("--artist and --kind together", [e["text"] for e in
                                            rnews("--artist", "Teddy Swims",
                                                  "--kind", "reentry")],
          [e["text"] for e in back])

    # The server and the hooks take the kinds too.
    DB_SAVED, DB = DB, RDB  # Server serves DB
    srv = Server()
    try:
        for kind in ("reentry", "peak"):
            status, b = srv.get(f"/api/news?limit=100&kind={kind}")
            equal(f"/api/news?kind={kind} = kchart news --kind {kind}",
                  (status, json.loads(b)["events"]), (200, rnews("--kind", kind)))
            status, b = srv.get(f"/feed.atom?kind={kind}")
            feed = ET.fromstring(b)
            feed_valid(f"the {kind} feed", feed,
                       f"http://{srv.host}:{srv.port}/feed.atom?kind={kind}",
                       f"http://{srv.host}:{srv.port}")
            equal(f"the {kind} feed: its events",
                  sorted(e.findtext(ATOM + "title") for e in feed.findall(ATOM + "entry")),
                  sorted(e["text"] for e in rnews("--kind", kind)))
    finally:
        srv.stop()
        DB = DB_SAVED
    for kind in ("reentry", "peak"):
        p = kc("hook", "add", "http://127.0.0.1:9/hook", "--kind", kind, "--db", RDB,
               ok=False)
        check(f"hook add --kind {kind}", p.returncode == 0, p.stderr)
    with sqlite3.connect(RDB) as c:
        equal("... both stored with their kind",
              sorted(k for (k,) in c.execute("SELECT kind FROM hook")), ["peak", "reentry"])

    # forget: the week of a new peak, and the backfill that revealed the
    # re-entry, take their events with them.
    kc("forget", "--db", RDB, os.path.join(weeks, "2024-12-28.json"), now=T4)
    equal("forget the week of a new peak: its events go",
          [e["period"] for e in rnews() if e["period"] == "2024-12-28"], [])
    equal("... Santa Tell Me's new peak with them",
          [e for e in rnews("--kind", "peak") if e["title"] == santa[0]], [])
    kc("forget", "--db", RDB, os.path.join(backfill, "2025-01-04.json"), now=T4)
    equal("forget the backfill: the re-entry it revealed goes",
          [e["title"] for e in rnews("--kind", "reentry")], [])

print(f"{'FAILED' if failures else 'passed'}: {failures} failed")
sys.exit(1 if failures else 0)
