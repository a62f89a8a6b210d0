#!/usr/bin/env python3
"""The HTTP API against a real `kchart serve` on loopback (docs/api.md).

    python3 tests/http/test_api.py KCHART

Builds a store from the repo's fixtures with the CLI, starts the server on a
free port and checks every route against the CLI's own answers, then the
caching, CORS, the security rules (401, 404 for traversal, 413, 400) and
writes (all or nothing, twice changes nothing, the same as the CLI).
"""
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET

KC = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "tests", "fixtures")
TMP = tempfile.mkdtemp(prefix="kchart-http-")
DB = os.path.join(TMP, "kchart.db")

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def equal(name, got, want):
    check(name, got == want, f"got {got!r:.300}, want {want!r:.300}")


def cli(*args, db=DB, ok=True):
    r = subprocess.run([KC, *args, "--db", db], capture_output=True, text=True)
    if ok and r.returncode != 0:
        raise SystemExit(f"kchart {' '.join(args)} failed: {r.stderr}")
    return r


def cli_json(*args):
    """The rows of a command's JSON (an object keeping its context puts
    them under "rows")."""
    doc = json.loads(cli(*args, "--format", "json").stdout)
    return doc["rows"] if isinstance(doc, dict) and "rows" in doc else doc


class Server:
    def __init__(self, *extra):
        self.proc = subprocess.Popen(
            [KC, "serve", "--db", DB, "--port", "0", "--threads", "2", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "http://" not in line:
            raise SystemExit("the server did not start: " + line + self.proc.stderr.read())
        hostport = line.split("http://")[1].split("/")[0]
        self.host, port = hostport.split(":")
        self.port = int(port)

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection(self.host, self.port, timeout=30)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def get(self, path, headers=None):
        status, hdrs, data = self.request("GET", path, headers=headers)
        ctype = hdrs.get("content-type", "")
        return status, hdrs, json.loads(data) if "json" in ctype else data

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        return self.proc.returncode


def api(srv, path, want=200):
    status, _, body = srv.get(path)
    equal(f"GET {path} status", status, want)
    return body


def main():
    cli("ingest", os.path.join(FIX, "billboard"))
    cli("ingest", os.path.join(FIX, "spotify", "regional-pk-daily-2025-12-01.csv"))
    extra = os.path.join(TMP, "kr.csv")
    with open(extra, "w") as f:
        f.write("chart,period,rank,title,artist\n"
                "spotify-kr-weekly,2024-01-04,1,봄날,방탄소년단\n"
                "spotify-kr-weekly,2024-01-04,2,Thunderstruck,AC/DC\n")
    cli("ingest", extra)
    # Three hours of two Korean hourly charts and a rule set over them: an
    # All-Kill at 2024-03-01T00 and T02, T01 missing genie-realtime.
    hours = os.path.join(TMP, "hours.csv")
    with open(hours, "w") as f:
        f.write("chart,period,rank,title,artist\n"
                "melon-top100,2024-03-01T00,1,Supernova,aespa\n"
                "melon-top100,2024-03-01T00,2,Magnetic,ILLIT\n"
                "genie-realtime,2024-03-01T00,1,Supernova,aespa\n"
                "melon-top100,2024-03-01T01,1,Supernova,aespa\n"
                "melon-top100,2024-03-01T02,1,Supernova,aespa\n"
                "genie-realtime,2024-03-01T02,1,Supernova,aespa\n"
                "genie-realtime,2024-03-01T02,2,Magnetic,ILLIT\n")
    cli("ingest", hours)
    rules = os.path.join(TMP, "rules.csv")
    with open(rules, "w") as f:
        f.write("kind,since,until,charts,source\n"
                "t-api,2024-01-01,,melon-top100 genie-realtime,test\n")
    cli("allkill", "--load", rules)
    # A song titled with Supernova's id, at No. 1 on melon-top100 alone at
    # T03 (genie-realtime has no T03: hours lost to a missing chart). The
    # song page names its own All-Kills, not those of every song a search
    # for its id would find (the server used such a search).
    sid = cli_json("song", "supernova aespa")[0]["song_id"]
    decoy = os.path.join(TMP, "decoy.csv")
    with open(decoy, "w") as f:
        f.write("chart,period,rank,title,artist\n"
                f"melon-top100,2024-03-01T03,1,{sid},Decoy\n")
    cli("ingest", decoy)
    # The made-up world of tests/records: a catalog, stream totals and
    # followers, a daily chart (records over cohorts, a song's totals and
    # milestones).
    rec = os.path.join(ROOT, "tests", "records")
    cli("catalog", "import", os.path.join(rec, "catalog.json"))
    cli("series", "import", os.path.join(rec, "series.csv"))
    cli("ingest", os.path.join(rec, "chart.csv"))
    # Sales, units and certifications (tests/sales): a catalog, its sales
    # reports, weekly units and Circle streams of a song.
    sdir = os.path.join(ROOT, "tests", "sales")
    cli("catalog", "import", os.path.join(sdir, "certs-catalog.json"))
    cli("sales", "import", os.path.join(sdir, "certs-sales.csv"))
    cli("units", "import", os.path.join(sdir, "units.csv"))
    cli("series", "import", os.path.join(sdir, "certs-streams.csv"))
    token = cli("token", "create", "tests").stdout.strip()
    web = os.path.join(TMP, "web")
    os.makedirs(os.path.join(web, "assets"))
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>kchart</title>")
    with open(os.path.join(web, "assets", "app-1234.js"), "w") as f:
        f.write("console.log('kchart')")
    with open(os.path.join(TMP, "secret.txt"), "w") as f:
        f.write("outside the dashboard")
    os.symlink(os.path.join(TMP, "secret.txt"), os.path.join(web, "link.txt"))
    srv = Server("--web", web, "--max-body", "1")
    try:
        reads(srv)
        sales(srv)
        caching(srv)
        security(srv, token)
        writes(srv, token)
        concurrency(srv, token)
        redirects(srv)
    finally:
        code = srv.stop()
    equal("server exits 0 on SIGTERM", code, 0)
    srv = Server("--base-url", "https://charts.example.org/")
    try:
        _, _, body = srv.get("/feed.atom")
        links = [l.get("href") for l in ET.fromstring(body).iter(
            "{http://www.w3.org/2005/Atom}link")]
        check("--base-url: every link begins with it (its '/' dropped)",
              links and all(h.startswith("https://charts.example.org/") and
                            "org//" not in h for h in links), links[:3])
    finally:
        srv.stop()
    shutil.rmtree(TMP)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def follow_pages(srv, path, key):
    rows, url, pages = [], path, 0
    while url:
        body = api(srv, url)
        rows += body[key]
        url = body["next"]
        pages += 1
    return rows, pages


def reads(srv):
    equal("health", api(srv, "/api/health"), {"ok": True})
    charts = api(srv, "/api/charts")["charts"]
    equal("charts = CLI", charts, cli_json("charts"))
    hot = next(c for c in charts if c["id"] == "billboard-hot-100")
    equal("hot 100 periods stored", hot["periods_stored"], 3)

    body = api(srv, "/api/charts/billboard-hot-100")
    want = cli_json("chart", "billboard-hot-100")
    equal("chart period is the latest", body["period"], "1973-05-19")
    equal("chart previous", body["previous"], "1973-05-12")
    equal("chart following", body["following"], None)
    equal("chart total", body["total"], len(want))
    got = [{k: v for k, v in e.items() if k != "change"} for e in body["entries"]]
    equal("chart entries = CLI", got, want)
    for e in body["entries"]:
        wantc = None if e["last"] is None else e["last"] - e["rank"]
        if e["change"] != wantc:
            equal(f"change of rank {e['rank']}", e["change"], wantc)
            break
    equal("chart info", body["chart"]["name"], "Billboard Hot 100")
    # What the store holds of it: the fixtures' three charts of 1973, none
    # missing between, each whole; their songs had charted before the first.
    cov = {k: body["chart"][k] for k in ("first", "latest", "missing", "partial")}
    equal("chart coverage", cov, {"first": "1973-05-05", "latest": "1973-05-19",
                                  "missing": 0, "partial": 0})
    check("chart coverage: it begins mid-history", body["chart"]["seeded"] > 0,
          body["chart"]["seeded"])
    mid = api(srv, "/api/charts/billboard-hot-100?period=1973-05-12")
    equal("middle period neighbours", (mid["previous"], mid["following"]),
          ("1973-05-05", "1973-05-19"))
    equal("middle period = CLI",
          [{k: v for k, v in e.items() if k != "change"} for e in mid["entries"]],
          cli_json("chart", "billboard-hot-100", "--period", "1973-05-12"))
    rows, pages = follow_pages(srv, "/api/charts/billboard-hot-100?limit=30", "entries")
    equal("pages of 30 walk the whole chart", rows, body["entries"])
    equal("pages of 30", pages, 4)
    api(srv, "/api/charts/billboard-hot-100?period=1999-01-01", 404)
    api(srv, "/api/charts/no-such-chart", 404)
    for bad in ("limit=0", "limit=1001", "limit=abc", "offset=-1", "limit=1e3",
                "limit=%201", "limit=+1"):
        e = api(srv, "/api/charts/billboard-hot-100?" + bad, 400)
        check(f"{bad}: message", "must be a whole number" in e["error"]["message"], e)

    periods = api(srv, "/api/charts/billboard-hot-100/periods")
    equal("periods newest first", periods["periods"],
          ["1973-05-19", "1973-05-12", "1973-05-05"])
    equal("periods total", periods["total"], 3)

    for by in ("periods", "peak", "streak", "no1"):
        top = api(srv, f"/api/charts/billboard-hot-100/top?by={by}&limit=1000")
        equal(f"top by {by} = CLI", top["rows"],
              cli_json("top", "billboard-hot-100", "--by", by, "--limit", "1000"))
        equal(f"top by {by} total", top["total"], len(top["rows"]))
    rows, _ = follow_pages(srv, "/api/charts/billboard-hot-100/top?by=peak&limit=7", "rows")
    equal("top pages", rows,
          cli_json("top", "billboard-hot-100", "--by", "peak", "--limit", "1000"))
    api(srv, "/api/charts/billboard-hot-100/top?by=nothing", 400)

    first = body["entries"][0]
    found = api(srv, "/api/search?q=" + quote(first["title"]))
    check("search finds the No. 1", any(s["id"] == first["song_id"] for s in found["songs"]),
          found)
    equal("search query echoed", found["query"], first["title"])
    many = api(srv, "/api/search?q=love&limit=1000")["songs"]
    check("several songs match 'love'", len(many) > 2, many)
    equal("matches best peak first", [s["best_peak"] for s in many],
          sorted(s["best_peak"] for s in many))
    equal("limit keeps the best", api(srv, "/api/search?q=love&limit=2")["songs"], many[:2])
    api(srv, "/api/search", 400)
    equal("search with no match", api(srv, "/api/search?q=zzzqqqxxx")["songs"], [])
    # hits: by any name (kchart search), beside the songs and credits.
    hits = api(srv, "/api/search?q=" + quote(first["title"][1:]))["hits"]
    check("hits: the No. 1 by a part of its title",
          any(h["kind"] == "song" and h["id"] == first["song_id"] for h in hits), hits)
    equal("hits are kchart search's rows", hits,
          cli_json("search", first["title"][1:]))
    equal("hits with no match: none", api(srv, "/api/search?q=zzzqqqxxx")["hits"], [])

    song = api(srv, f"/api/songs/{first['song_id']}")
    equal("song", song["song"], {"id": first["song_id"], "title": first["title"],
                                 "artist": first["artist"]})
    cli_runs = [r for r in cli_json("song", str(first["song_id"]))
                if r["song_id"] == first["song_id"]]
    equal("song runs = CLI",
          [(r["chart"], r["debut"], r["debut_rank"], r["seeded"], r["peak"], r["periods"],
            r["no1"], r["last_period"]) for r in song["runs"]],
          [(r["chart"], r["debut"], r["debut_rank"], r["seeded"], r["peak"], r["periods"],
            r["no1"], r["last_period"]) for r in cli_runs])
    # A run seeded from the provider's counters debuted before its first
    # stored period: Haseen, 281 days on Spotify Pakistan's first day.
    haseen = api(srv, "/api/search?q=haseen")["songs"][0]
    run = api(srv, f"/api/songs/{haseen['id']}")["runs"][0]
    equal("a seeded debut", (run["debut"], run["debut_rank"], run["seeded"], run["first_period"]),
          ("before 2025-12-01", None, 281, "2025-12-01"))
    # The song's answer leaves its ranks out; its history route gives them,
    # several charts at once (charts=), or one (chart=), the same points.
    check("no history in the song's answer", "history" not in song, sorted(song))
    charts = [r["chart"] for r in song["runs"]]
    history = api(srv, f"/api/songs/{first['song_id']}/history?charts="
                  + quote(",".join(charts + ["no-such-chart"])))["history"]
    equal("history: the charts asked, in order, one left out",
          [s["chart"] for s in history], charts)
    for s in history:
        one = api(srv, f"/api/songs/{first['song_id']}/history?chart=" + quote(s["chart"]))
        equal(f"history of {s['chart']} alone", one, s)
    for bad in ("charts=", "charts=a,,b", "charts=" + ",".join(["c"] * 33),
                "chart=a&charts=a"):
        api(srv, f"/api/songs/{first['song_id']}/history?{bad}", 400)
    # Every point of the history is the song's rank in the chart that week.
    for series in history:
        for period, rank in series["points"]:
            ch = api(srv, f"/api/charts/{series['chart']}?period={period}")
            at = [e["rank"] for e in ch["entries"] if e["song_id"] == first["song_id"]]
            equal(f"history {period}", [rank], at)
    charted = [e for e in cli_json("entries", "billboard-hot-100")
               if e["song_id"] == first["song_id"]]
    equal("history has every entry", [p for s in history for p in s["points"]],
          [[e["period"], e["rank"]] for e in charted])
    for key in ("totals", "milestones", "allkills", "regions"):
        equal(f"song {key} present (none here)", song[key], [])
    api(srv, "/api/songs/999999999", 404)
    api(srv, "/api/songs/abc", 404)
    api(srv, "/api/songs/%201", 404)
    e = api(srv, "/api/search?q=" + quote("a b c d e f g h i"), 400)
    check("nine words are refused, not cut", "at most 8 words" in e["error"]["message"], e)
    e = api(srv, "/api/charts/no-such/top?by=nothing", 404)

    # An artist: the credits parsed into artists (docs/entities.md), the same
    # through its name, an id and `kchart artist`.
    lead = cli("artist", first["artist"], "--format", "json", ok=False)
    whole = json.loads(lead.stdout) if lead.returncode == 0 else None
    if whole is None:  # a credit of several artists: its first one
        whole = cli_json("artist", first["artist"].split(" Featuring ")[0]
                         .split(" & ")[0].split(", ")[0])
    artist_name = whole["artist"]["name"]
    artist = api(srv, "/api/artists/" + quote(artist_name) + "?entries=1")
    check("artist has the song", any(s["id"] == first["song_id"] for s in artist["songs"]),
          artist)
    equal("artist = kchart artist", {k: artist[k] for k in
          ("artist", "aliases", "members", "entries", "totals")}, whole)
    equal("artist by id",
          api(srv, f"/api/artists/{artist['artist']['id']}?entries=1")["entries"],
          whole["entries"])
    # Without entries=1 the page is the same but for the entries.
    page = api(srv, "/api/artists/" + quote(artist_name))
    equal("artist without entries=1", {k: v for k, v in page.items() if k != "next"},
          {k: v for k, v in artist.items() if k not in ("entries", "next")})
    api(srv, "/api/artists/" + quote(artist_name) + "?entries=2", 400)
    # A page of one song of an artist with more has a next page, which
    # keeps entries=1 (the first credit of the chart with two songs).
    many = None
    for e in cli_json("entries", "billboard-hot-100"):
        name = e["artist"].split(" Featuring ")[0].split(" & ")[0].split(", ")[0]
        got = cli("artist", name, "--format", "json", ok=False)
        if got.returncode == 0 and len({x["id"] for x in json.loads(got.stdout)["entries"]}) >= 2:
            many = api(srv, "/api/artists/" + quote(name) + "?entries=1")
            break
    check("an artist with two songs or more in the store", many is not None, None)
    if many:
        path = "/api/artists/" + quote(many["artist"]["name"]) + "?entries=1&limit=1"
        paged = api(srv, path)
        check("the next page keeps entries=1", "entries=1" in (paged["next"] or ""), paged)
        after = api(srv, paged["next"]) if paged["next"] else {}
        equal("the next page's song", [s["id"] for s in after.get("songs", [])],
              [s["id"] for s in many["songs"][1:2]])
        equal("the next page's entries", after.get("entries"), many["entries"])
    equal("artist entries' columns", list(whole["entries"][0]),
          ["artist", "role", "kind", "id", "title", "credit", "chart", "debut", "peak",
           "periods", "no1"])
    check("artist entries hold the song",
          any(e["id"] == first["song_id"] for e in artist["entries"]), artist)
    equal("artist totals, one a chart", [t["chart"] for t in artist["totals"]],
          sorted({e["chart"] for e in artist["entries"]}))
    e = api(srv, "/api/artists/" + quote("Taylr Swift"), 404)
    check("an unknown artist: did you mean", "did you mean" in e["error"]["message"], e)
    api(srv, "/api/artists/" + quote("zzzqqq nobody"), 404)
    acdc = api(srv, "/api/artists/" + quote("AC/DC"))
    equal("a name with a slash", [x["title"] for x in acdc["songs"]], ["Thunderstruck"])
    hangul = api(srv, "/api/search?q=" + quote("방탄소년단"))
    equal("search in Hangul", ([x["title"] for x in hangul["songs"]], hangul["artists"]),
          (["봄날"], [{"name": "방탄소년단", "songs": 1}]))
    bomnal = api(srv, f"/api/songs/{hangul['songs'][0]['id']}")
    equal("a song's regions at No. 1, per family", bomnal["regions"],
          [{"family": "spotify-weekly", "top": 1, "regions": [
              {"region": "kr", "chart": "spotify-kr-weekly", "first": "2024-01-04",
               "best": 1, "periods": 1}]}])
    e = api(srv, "/api/charts/billboard-hot-100?period=bad", 400)
    check("a malformed period says so", "not a period" in e["error"]["message"], e)

    news = api(srv, "/api/news?limit=1000")
    check("news", news["total"] > 0 and len(news["events"]) == news["total"], news)
    for ev in news["events"]:
        if ev["period"] == "1973-05-05":
            check("no news from a chart's first period", False, ev)
            break
    for ev in [e for e in news["events"] if e["chart"]][:5]:
        ch = api(srv, f"/api/charts/{ev['chart']}?period={ev['period']}")
        e = next(x for x in ch["entries"] if x["rank"] == ev["rank"])
        equal("news event is the chart's entry", e["song_id"], ev["song_id"])
        if ev["kind"] == "no1":
            check("no1 event", e["rank"] == 1 and e["last"] != 1, e)
        else:
            check("debut event", e["move"] == "new" and e["rank"] <= 10, e)
        check("news text", ev["title"] in ev["text"], ev)

    # All-Kills: the leaderboard, the state at an hour, a song's, the news.
    equal("/api/allkill = kchart allkill", api(srv, "/api/allkill?kind=t-api")["songs"],
          cli_json("allkill", "--kind", "t-api"))
    board = api(srv, "/api/allkill?kind=t-api")["songs"]
    equal("the All-Kill: 2 hours, T01 missing genie-realtime",
          [(r["title"], r["hours"], r["first"], r["longest"], r["missing"]) for r in board],
          [("Supernova", 2, "2024-03-01T00", 1, "genie-realtime 1 h")])
    equal("/api/allkill/at/{hour} = kchart allkill --at",
          api(srv, "/api/allkill/at/2024-03-01T01?kind=t-api")["charts"],
          cli_json("allkill", "--at", "2024-03-01T01", "--kind", "t-api"))
    nova = api(srv, f"/api/songs/{board[0]['song_id']}")
    searched = cli_json("allkill", str(board[0]["song_id"]))
    equal("a song's allkills", nova["allkills"],
          [r for r in searched
           if r["song_id"] == board[0]["song_id"] and (r["hours"] or r["missing"])])
    equal("a search for the id finds the song titled with it too, the page does not",
          sorted({r["title"] for r in searched if r["hours"] or r["missing"]}),
          sorted(["Supernova", str(board[0]["song_id"])]))
    equal("All-Kill news = kchart news",
          [e for e in news["events"] if e["kind"] == "allkill"],
          [e for e in cli_json("news", "--limit", "0") if e["kind"] == "allkill"])
    check("All-Kill news: the first and the first of 2024",
          len([e for e in news["events"] if e["kind"] == "allkill"]) == 2, news["events"][:3])
    for bad, want in (("/api/allkill?year=20x", 400), ("/api/allkill?by=nope", 400),
                      ("/api/allkill/at/2024-03-01", 400), ("/api/allkill?kind=nope", 404),
                      ("/api/allkill/at/2024-03-01T01?limit=3", 400)):
        api(srv, bad, want)

    records(srv)

    status, hdrs, feed = srv.get("/feed.atom")
    equal("feed status", status, 200)
    check("feed type", hdrs["content-type"].startswith("application/atom+xml"), hdrs)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(feed)
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    ids = [e.findtext("a:id", namespaces=ns) for e in root.findall("a:entry", ns)]
    check("entry ids are UUID URNs, all different",
          all(i.startswith("urn:uuid:") and len(i) == 45 for i in ids) and
          len(set(ids)) == len(ids), ids[:3])
    latest = sorted(news["events"], key=lambda e: -e["id"])[:50]
    equal("feed entries = the latest learned news", titles, [e["text"] for e in latest])
    feed_rules(srv, root, ns)


def feed_rules(srv, root, ns):
    """What a feed validator checks (RFC 4287): the feed and each entry have
    an id, a title and an updated time (RFC 3339); every link is absolute,
    built from the Host the client asked for (they were paths, which a reader
    resolves against nothing); ?chart= gives that chart's feed, with an id of
    its own."""
    import re
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
    host = f"{srv.host}:{srv.port}"
    check("the feed has an id, a title, an updated time",
          root.findtext("a:id", namespaces=ns) and root.findtext("a:title", namespaces=ns)
          and rfc3339.match(root.findtext("a:updated", namespaces=ns) or ""))
    links = [l.get("href") for l in root.iter("{http://www.w3.org/2005/Atom}link")]
    check("every link is absolute, through the Host asked for",
          links and all(h.startswith(f"http://{host}/") for h in links), links[:4])
    self_links = [l.get("href") for l in root.findall("a:link", ns) if l.get("rel") == "self"]
    equal("the self link", self_links, [f"http://{host}/feed.atom"])
    for e in root.findall("a:entry", ns):
        if not (e.findtext("a:id", namespaces=ns) and e.findtext("a:title", namespaces=ns)
                and rfc3339.match(e.findtext("a:updated", namespaces=ns) or "")
                and e.find("a:link", ns) is not None):
            check("each entry has an id, a title, an updated time and a link", False,
                  ET.tostring(e)[:300])
            break
    status, _, body = srv.get("/feed.atom", headers={"Host": "charts.example.org"})
    one = ET.fromstring(body)
    check("links follow the Host asked for (not a cached answer for another)",
          all(l.get("href").startswith("http://charts.example.org/")
              for l in one.iter("{http://www.w3.org/2005/Atom}link")))
    status, _, body = srv.get("/feed.atom", headers={"Host": "bad host\"/>"})
    equal("a Host that is not a host name", status, 400)
    news = cli_json("news", "--chart", "billboard-hot-100", "--limit", "0")
    status, _, body = srv.get("/feed.atom?chart=billboard-hot-100")
    chart = ET.fromstring(body)
    titles = [e.findtext("a:title", namespaces=ns) for e in chart.findall("a:entry", ns)]
    latest = sorted(news, key=lambda e: -e["id"])[:50]
    equal("a chart's feed is that chart's news", titles, [e["text"] for e in latest])
    check("a chart's feed has an id of its own",
          chart.findtext("a:id", namespaces=ns) != root.findtext("a:id", namespaces=ns))
    self_links = [l.get("href") for l in chart.findall("a:link", ns) if l.get("rel") == "self"]
    equal("a chart's feed links to itself", self_links,
          [f"http://{host}/feed.atom?chart=billboard-hot-100"])


def records(srv):
    """/api/records against kchart records; a song's totals and milestones."""
    for q, args in (
            ("measure=spotify-streams&at_least=700000000&mode=first&role=b-side"
             "&market=k-pop&artist_kind=solo",
             ["--measure", "spotify-streams", "--at-least", "700000000", "--first",
              "--role", "b-side", "--market", "k-pop", "--artist-kind", "solo"]),
            ("measure=periods&chart=spotify-global-daily&at_least=400&mode=only"
             "&credit=solo&market=k-pop",
             ["--measure", "periods", "--chart", "spotify-global-daily", "--at-least",
              "400", "--only", "--credit", "solo", "--market", "k-pop"]),
            ("measure=instagram-followers&at_least=50000000&mode=fastest"
             "&member_of=" + quote("Nova"),
             ["--measure", "instagram-followers", "--at-least", "50000000", "--fastest",
              "--member-of", "Nova"]),
            ("measure=spotify-streams&at=2022-06-30&limit=2",
             ["--measure", "spotify-streams", "--at", "2022-06-30", "--limit", "2"])):
        got = api(srv, "/api/records?" + q)
        equal(f"/api/records?{q} rows", got["rows"], cli_json("records", *args))
        equal(f"/api/records?{q} answer", got["answer"],
              cli("records", *args).stdout.splitlines()[0])
    first = api(srv, "/api/records?measure=spotify-streams&at_least=700000000&mode=first"
                     "&role=b-side&market=k-pop")
    check("the first K-pop b-side past 700M", first["answer"].startswith("Nova Side (Nova)"),
          first["answer"])
    song = api(srv, f"/api/songs/{first['rows'][0]['id']}")
    ms = cli_json("milestones", "Nova Side", "--open")
    equal("a song's milestones = kchart milestones", song["milestones"], ms)
    check("a song's milestones: every 100M to 700M",
          [m["mark"] for m in song["milestones"]] ==
          [100000000 * k for k in range(1, 8)], song["milestones"])
    equal("a song's totals: one series a source", [t["source"] for t in song["totals"]],
          ["spotify-streams"])
    equal("a song's totals: every total by day", song["totals"][0]["points"],
          [[r["date"], r["value"]] for r in cli_json("series", "Nova Side")
           if r["kind"] == "total"])
    equal("a song's totals: the last", song["totals"][0]["points"][-1],
          ["2022-09-30", 729000000])
    equal("/api/news?from= = kchart news --from",
          api(srv, "/api/news?from=2023-01-01&limit=500")["events"],
          cli_json("news", "--from", "2023-01-01", "--limit", "500"))
    equal("/api/records of releases' first weeks",
          api(srv, "/api/records?measure=first-week&provider=oricon")["rows"],
          cli_json("records", "--measure", "first-week", "--provider", "oricon"))
    for bad, want in (("/api/records", 400), ("/api/records?measure=nope", 400),
                      ("/api/records?measure=spotify-streams&mode=nope", 400),
                      ("/api/records?measure=spotify-streams&artist=Nobody", 404),
                      ("/api/records?measure=spotify-streams&at_least=7x", 400),
                      ("/api/records?measure=spotify-streams&mode=first", 400),
                      ("/api/news?since=2023-1-1", 400), ("/api/news?from=2023-1-1", 400),
                      ("/api/news?kind=nope", 400), ("/api/news?artist=Nobody%20Here", 404)):
        api(srv, bad, want)


def sales(srv):
    body = api(srv, "/api/sales/Dawn")
    equal("/api/sales/{release} = kchart sales", body["windows"], cli_json("sales", "Dawn"))
    equal("the release as asked", body["release"], "Dawn")
    equal("a release key with its '/'", api(srv, "/api/sales/orbit/late")["windows"],
          cli_json("sales", "orbit/late"))
    equal("?artist= narrows", api(srv, "/api/sales/Dawn?artist=Nova")["windows"],
          body["windows"])
    e = api(srv, "/api/sales/Dawnn", 404)
    check("an unknown release names the near ones",
          "did you mean \"Dawn (Nova)\"" in e["error"]["message"], e)
    api(srv, "/api/sales/Nine%20Thousand", 404)  # a release without sales
    body = api(srv, "/api/units?week=2019-10-19")
    equal("/api/units = kchart units --week", body["albums"],
          cli_json("units", "--week", "2019-10-19"))
    equal("the worked example: 9,000 units",
          [(a["release"], a["units"], a["sales"]) for a in body["albums"]],
          [("Nine Thousand", 9000, 8000)])
    equal("a day of the tracking week", api(srv, "/api/units?week=2019-10-07")["albums"],
          body["albums"])
    equal("?limit=", len(api(srv, "/api/units?week=2018-10-20&limit=1")["albums"]), 1)
    api(srv, "/api/units", 400)
    api(srv, "/api/units?week=2019-13-01", 400)
    api(srv, "/api/units?week=2019-10-19&limit=0", 400)
    api(srv, "/api/units?week=2015-01-03", 404)
    certs = api(srv, "/api/certs")["certs"]
    equal("/api/certs = kchart certs", certs, cli_json("certs"))
    equal("Circle's awards", [(c["reached"], c["award"], c["metric"], c["title"]) for c in certs],
          [("2024-03-31", "platinum", "albums", "Dawn"),
           ("2024-05-02", "platinum", "albums", "Late Show"),
           ("2024-06-02", "platinum", "downloads", "Night Drive"),
           ("2024-06-02", "platinum", "streams", "Night Drive")])
    equal("?release= a release and its songs", api(srv, "/api/certs?release=orbit/late")["certs"],
          cli_json("certs", "orbit/late"))
    equal("?release= without awards", api(srv, "/api/certs?release=Nine%20Thousand")["certs"], [])
    api(srv, "/api/certs?release=Nowhere", 404)
    api(srv, "/api/certs?artist=Nova", 400)
    news = api(srv, "/api/news?limit=1000")["events"]
    equal("certification news = kchart news",
          [e for e in news if e["kind"] == "certification"],
          [e for e in cli_json("news", "--limit", "0") if e["kind"] == "certification"])
    check("the sentence", "Late Show (Orbit) reached Circle platinum (250,000 albums) on "
          "2024-05-02." in [e["text"] for e in news], news[:5])


def caching(srv):
    path = "/api/charts/billboard-hot-100"
    status, hdrs, _ = srv.get(path)
    etag = hdrs.get("etag")
    check("etag", etag and etag.startswith('"'), hdrs)
    equal("cache-control", hdrs.get("cache-control"), "no-cache")
    equal("cors on reads", hdrs.get("access-control-allow-origin"), "*")
    status, hdrs2, body = srv.request("GET", path, headers={"If-None-Match": etag})
    equal("304 on a matching etag", status, 304)
    equal("304 has no body", body, b"")
    equal("304 keeps the etag", hdrs2.get("etag"), etag)
    status, _, _ = srv.request("GET", path, headers={"If-None-Match": '"other"'})
    equal("200 on another etag", status, 200)
    status, hdrs, body = srv.request("HEAD", path)
    equal("HEAD", (status, body), (200, b""))
    status, hdrs, _ = srv.request("OPTIONS", path)
    equal("OPTIONS", status, 204)
    check("preflight", "GET" in hdrs.get("access-control-allow-methods", ""), hdrs)
    # "?chart" and "?chart=" are different questions (the cache keeps both).
    a = srv.get("/api/news?chart=")[0]
    b = srv.get("/api/news?chart")[0]
    a2 = srv.get("/api/news?chart=")[0]
    equal("?chart= then ?chart then ?chart= again", (a, a2), (a, a))
    check("?chart= is not all charts", a != 200 or b != 200, (a, b))
    status, hdrs, body = srv.request("DELETE", path)
    equal("DELETE is 405", status, 405)
    equal("405 says what is allowed", hdrs.get("allow"), "GET, HEAD, OPTIONS")


def security(srv, token):
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                 "/..%2fsecret.txt", "/%252e%252e/secret.txt", "/assets/..%5c..%5csecret.txt",
                 "/..\\secret.txt", "/index.html%00.js", "/link.txt", "/%c0%ae%c0%ae/secret.txt",
                 "/api/../secret.txt", "/api/songs/..%2f..%2fsecret.txt", "/nothing.js",
                 "/assets/", "//secret.txt"):
        status, _, body = srv.request("GET", path)
        # An overlong "." (%c0%ae) is not UTF-8: refused before any route.
        equal(f"GET {path}", status, 400 if "%c0" in path else 404)
        check(f"GET {path} leaks nothing", b"outside the dashboard" not in body, body)
    status, hdrs, body = srv.request("GET", "/")
    check("index.html at /", status == 200 and b"<title>kchart" in body, (status, body))
    equal("html type", hdrs.get("content-type"), "text/html; charset=utf-8")
    status, _, body = srv.request("GET", "/song/42")
    check("a page route answers index.html", status == 200 and b"<title>kchart" in body,
          status)
    status, hdrs, _ = srv.request("GET", "/assets/app-1234.js")
    equal("asset", status, 200)
    check("assets are immutable", "immutable" in hdrs.get("cache-control", ""), hdrs)
    csv = open(os.path.join(FIX, "spotify", "regional-pk-daily-2025-12-02.csv"), "rb").read()
    name = "/api/ingest?name=regional-pk-daily-2025-12-02.csv"
    for headers in ({}, {"Authorization": "Bearer kc_" + "0" * 64},
                    {"Authorization": "Basic " + token}, {"Authorization": token},
                    {"Authorization": "Bearer " + token[:-1]}):
        status, _, body = srv.request("POST", name, csv, headers)
        equal(f"write with {headers} is 401", status, 401)
    # A client that announces its body (Expect: 100-continue, as curl does for
    # a large one) hears 413 before sending it.
    c = http.client.HTTPConnection(srv.host, srv.port, timeout=30)
    c.putrequest("POST", name)
    c.putheader("Authorization", "Bearer " + token)
    c.putheader("Content-Length", str(1 << 20 | 1))
    c.putheader("Expect", "100-continue")
    c.endheaders()
    r = c.getresponse()
    equal("a body over the limit is 413", r.status, 413)
    check("413 says why", b"limit" in r.read(), "")
    c.close()
    c = http.client.HTTPConnection(srv.host, srv.port, timeout=30)
    c.putrequest("POST", name)
    c.putheader("Authorization", "Bearer " + token)
    c.putheader("Transfer-Encoding", "chunked")
    c.endheaders()
    chunk = b"y" * 65536
    for _ in range(20):
        c.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    c.send(b"0\r\n\r\n")
    r = c.getresponse()
    r.read()
    equal("a chunked body over the limit is 413", r.status, 413)
    c.close()
    equal("nothing of the refused writes stored",
          cli("chart", "spotify-pk-daily", "--period", "2025-12-02", ok=False).returncode, 3)
    status, _, _ = srv.request("POST", "/api/charts", b"", {"Authorization": "Bearer " + token})
    equal("POST elsewhere is 405", status, 405)
    # A body where none is taken is refused before it is read.
    c = http.client.HTTPConnection(srv.host, srv.port, timeout=30)
    c.putrequest("POST", "/api/charts")
    c.putheader("Content-Length", str(200 << 20))
    c.putheader("Expect", "100-continue")
    c.endheaders()
    r = c.getresponse()
    equal("a body on another route: 405 before it is sent", r.status, 405)
    r.read()
    c.close()
    status, _, _ = srv.request("GET", "/api/charts", b"x" * 10)
    equal("a GET with a body is 400", status, 400)
    status, hdrs, _ = srv.request("GET", "/api/ingest")
    equal("GET /api/ingest is 405", (status, hdrs.get("allow")), (405, "POST"))
    status, _, _ = srv.request("POST", name, csv[:0], {"Authorization": "bearer " + token})
    check("the Bearer scheme in any case", status != 401, status)
    for path in ("/api/" + "a" * 40000, "/api/search?q=" + "b" * 40000,
                 "/api/artists/" + "%7C" * 3000):
        status, _, _ = srv.request("GET", path)
        check(f"a {len(path)}-byte URL is answered", status in (400, 404, 414), status)
    for path in ("/.hidden", "/assets/.env"):
        equal(f"GET {path}", srv.request("GET", path)[0], 404)


def entries_csv(db=DB):
    return cli("entries", "spotify-pk-daily", "--format", "csv", db=db).stdout


def writes(srv, token):
    auth = {"Authorization": "Bearer " + token}
    before = entries_csv()
    bad = (b"chart,period,rank,title,artist\n"
           b"spotify-pk-daily,2025-12-03,1,Good Row,Someone\n"
           b"spotify-pk-daily,2025-12-03,two,Bad Rank,Someone\n")
    status, _, body = srv.request("POST", "/api/ingest?name=bad.csv", bad, auth)
    equal("malformed file is 400", status, 400)
    msg = json.loads(body)["error"]["message"]
    check("message says file:line:column", msg.startswith("bad.csv:3:"), msg)
    equal("nothing of a bad file stored", entries_csv(), before)
    status, _, body = srv.request("POST", "/api/ingest?name=x.csv&format=nope", b"a", auth)
    equal("unknown format is 400", status, 400)

    # Read the chart first, so that a stale cached answer would show.
    api(srv, "/api/charts/spotify-pk-daily")
    name = "regional-pk-daily-2025-12-02.csv"
    data = open(os.path.join(FIX, "spotify", name), "rb").read()
    status, _, body = srv.request("POST", "/api/ingest?name=" + name, data, auth)
    equal("ingest", status, 200)
    stats = json.loads(body)
    equal("ingest stats", (stats["files"], stats["snapshots"], stats["unchanged"]), (1, 1, 0))
    equal("the new period is served", api(srv, "/api/charts/spotify-pk-daily")["period"],
          "2025-12-02")
    after = entries_csv()
    status, _, body = srv.request("POST", "/api/ingest?name=" + name, data, auth)
    equal("ingest again", (status, json.loads(body)["unchanged"]), (200, 1))
    equal("twice changes nothing", entries_csv(), after)
    # The same files through the CLI give the same store.
    other = os.path.join(TMP, "cli.db")
    cli("ingest", os.path.join(FIX, "spotify", "regional-pk-daily-2025-12-01.csv"), db=other)
    cli("ingest", os.path.join(FIX, "spotify", name), db=other)
    def without_ids(csv):  # song ids follow the order songs first came in
        return [line.split(",", 3)[:2] + line.split(",", 3)[3:] for line in csv.splitlines()]
    equal("POST = CLI ingest", without_ids(entries_csv()), without_ids(entries_csv(other)))
    # A write by another process is seen too (the cache follows the store).
    cli("ingest", os.path.join(FIX, "generic-hot100-top5.csv"), ok=False)
    r = cli("charts", "--format", "json")
    equal("another process's write is served", api(srv, "/api/charts")["charts"],
          json.loads(r.stdout))
    # Another writer holding the store past SQLite's busy timeout (5 s):
    # 503 with Retry-After, nothing stored; then the same POST goes through.
    import sqlite3
    holder = sqlite3.connect(DB, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    pk3 = (b"chart,period,rank,title,artist\n"
           b"spotify-pk-daily,2025-12-09,1,Busy Song,Someone\n")
    status, hdrs, body = srv.request("POST", "/api/ingest?name=pk3.csv", pk3, auth)
    holder.execute("ROLLBACK")
    holder.close()
    equal("a busy store is 503", (status, hdrs.get("retry-after")), (503, "1"))
    check("503 says the store is busy", b"locked" in body or b"busy" in body, body)
    status, _, _ = srv.request("POST", "/api/ingest?name=pk3.csv", pk3, auth)
    equal("then it goes through", status, 200)
    cli("token", "revoke", "tests")
    status, _, _ = srv.request("POST", "/api/ingest?name=" + name, data, auth)
    equal("a revoked token is 401", status, 401)
    token2 = cli("token", "create", "tests").stdout.strip()
    check("a new token", token2 != token and len(token2) == 67, token2)
    return token2


def concurrency(srv, token):
    errors = []

    def reader():
        for i in range(50):
            status, _, _ = srv.request("GET", "/api/charts/billboard-hot-100?limit=%d" % (i + 1))
            if status != 200:
                errors.append(status)

    threads = [threading.Thread(target=reader) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    equal("300 reads from 6 threads", errors, [])


def redirects(srv):
    """An id merged away answers 301 to the song it went into, for good
    (docs/entities.md, "Ids that never move"); the song kept answers 200."""
    spring = os.path.join(TMP, "spring.csv")
    with open(spring, "w") as f:
        f.write("chart,period,rank,title,artist\n"
                "spotify-kr-weekly,2024-01-11,1,Spring Day,BTS\n")
    cli("ingest", spring)
    kept = cli_json("song", "봄날")[0]["song_id"]
    gone = cli_json("song", "spring day")[0]["song_id"]
    cli("merge", str(kept), str(gone))
    status, hdrs, body = srv.get(f"/api/songs/{gone}")
    equal("GET a merged-away id: 301", status, 301)
    equal("... Location: the song kept", hdrs.get("location"), f"/api/songs/{kept}")
    equal("... saying so", body["error"]["message"],
          f"song {gone} was merged into {kept}")
    status, _, body = srv.get(f"/api/songs/{kept}")
    equal("GET the song kept: 200", status, 200)
    equal("... its id", body["song"]["id"], kept)
    api(srv, "/api/songs/999999", 404)


def quote(s):
    from urllib.parse import quote as q
    return q(s, safe="")


if __name__ == "__main__":
    sys.exit(main())
