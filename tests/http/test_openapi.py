#!/usr/bin/env python3
"""docs/openapi.yaml against a real `kchart serve` on loopback.

    python3 tests/http/test_openapi.py KCHART

Builds a small real store with the CLI (the fixtures' Hot 100 and Spotify
Pakistan, two Korean hourly charts and a rule set over them, the made-up
catalog, totals, sales and units of tests/records and tests/sales), starts
the server, and:
- calls every route of the document (each method, with a good request and
  the errors it documents), and checks that each status is documented for
  its route and that each JSON answer is valid under the documented schema
  (JSON Schema 2020-12, as OpenAPI 3.1 has it: python3-jsonschema);
- reads the routes the server has from src/http (api.c's route table,
  server.c's write, feed and dashboard routes, the methods it takes) and
  checks that each is in the document, so that a new route cannot go
  undocumented.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from urllib.parse import quote, urlsplit

import jsonschema
import yaml

KC = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "tests", "fixtures")
TMP = tempfile.mkdtemp(prefix="kchart-openapi-")
DB = os.path.join(TMP, "kchart.db")
DOC = yaml.safe_load(open(os.path.join(ROOT, "docs", "openapi.yaml"), encoding="utf-8"))

passed = failed = 0
MERGED = []  # an id merged away


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def cli(*args):
    r = subprocess.run([KC, *args, "--db", DB], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"kchart {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def build_store():
    cli("ingest", os.path.join(FIX, "billboard"))
    cli("ingest", os.path.join(FIX, "spotify", "regional-pk-daily-2025-12-01.csv"))
    hours = os.path.join(TMP, "hours.csv")
    with open(hours, "w") as f:
        f.write("chart,period,rank,title,artist\n"
                "melon-top100,2024-03-01T00,1,Supernova,aespa\n"
                "genie-realtime,2024-03-01T00,1,Supernova,aespa\n"
                "melon-top100,2024-03-01T01,1,Supernova,aespa\n")
    cli("ingest", hours)
    rules = os.path.join(TMP, "rules.csv")
    with open(rules, "w") as f:
        f.write("kind,since,until,charts,source\n"
                "t-api,2024-01-01,,melon-top100 genie-realtime,test\n")
    cli("allkill", "--load", rules)
    rec = os.path.join(ROOT, "tests", "records")
    cli("catalog", "import", os.path.join(rec, "catalog.json"))
    cli("series", "import", os.path.join(rec, "series.csv"))
    cli("ingest", os.path.join(rec, "chart.csv"))
    sales = os.path.join(ROOT, "tests", "sales")
    cli("catalog", "import", os.path.join(sales, "certs-catalog.json"))
    cli("sales", "import", os.path.join(sales, "certs-sales.csv"))
    cli("units", "import", os.path.join(sales, "units.csv"))
    cli("series", "import", os.path.join(sales, "certs-streams.csv"))
    # One song under two names on two weeks, merged: the id merged away
    # answers 301.
    twice = os.path.join(TMP, "twice.csv")
    with open(twice, "w") as f:
        f.write("chart,period,rank,title,artist\n"
                "spotify-kr-weekly,2024-01-04,1,봄날,방탄소년단\n"
                "spotify-kr-weekly,2024-01-11,1,Spring Day,BTS\n")
    cli("ingest", twice)
    kept = json.loads(cli("song", "봄날", "--format", "json"))["rows"][0]["song_id"]
    gone = json.loads(cli("song", "spring day", "--format", "json"))["rows"][0]["song_id"]
    cli("merge", str(kept), str(gone))
    MERGED.append(gone)
    return cli("token", "create", "openapi").strip()


class Server:
    def __init__(self, web):
        self.proc = subprocess.Popen(
            [KC, "serve", "--db", DB, "--port", "0", "--threads", "2", "--web", web,
             "--max-body", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "http://" not in line:
            raise SystemExit("the server did not start: " + line + self.proc.stderr.read())
        self.host, port = line.split("http://")[1].split("/")[0].split(":")
        self.port = int(port)

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection(self.host, self.port, timeout=30)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, r.getheader("Content-Type", ""), data

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def template_regex(template):
    """The documented path as a regex: {name} and {release} may hold a '/'
    (AC/DC, nova/dawn), every other parameter one segment."""
    out = "^"
    for part in re.split(r"(\{[^}]+\})", template):
        if part.startswith("{"):
            out += ".+" if part in ("{name}", "{release}") else "[^/]+"
        else:
            out += re.escape(part)
    return re.compile(out + "$")


def find_operation(method, path):
    """(template, operation) documented for method and path, or (None, None)."""
    best = None
    for template, item in DOC["paths"].items():
        if method.lower() in item and template_regex(template).match(path):
            # The template with the fewest parameters wins (the most literal).
            score = template.count("{")
            if best is None or score < best[0]:
                best = (score, template, item[method.lower()])
    return (best[1], best[2]) if best else (None, None)


def validate(name, schema, value):
    root = dict(schema, components=DOC["components"])  # '#/components/...' resolves here
    try:
        jsonschema.Draft202012Validator(root).validate(value)
        check(name, True)
    except jsonschema.ValidationError as e:
        where = "/".join(str(p) for p in e.absolute_path)
        check(name, False, f"at /{where}: {e.message[:300]}")


def deref(obj):
    while isinstance(obj, dict) and "$ref" in obj:
        node = DOC
        for key in obj["$ref"].lstrip("#/").split("/"):
            node = node[key]
        obj = node
    return obj


called = set()


def call(srv, method, path, want, body=None, headers=None):
    """Calls the route, checks the status is want and documented, and the
    answer valid under the documented schema."""
    status, ctype, data = srv.request(method, path, body, headers)
    return answer(method, path, want, status, ctype, data)


def answer(method, path, want, status, ctype, data):
    """Checks one answer as call does."""
    name = f"{method} {path[:80]}"
    check(f"{name}: status", status == want, f"got {status}, want {want}: {data[:200]!r}")
    template, op = find_operation(method, urlsplit(path).path)
    if not op:
        check(f"{name}: documented", False, "no path of docs/openapi.yaml matches")
        return None
    called.add((method.lower(), template))
    response = deref(op.get("responses", {}).get(str(status)))
    check(f"{name}: status {status} documented for {template}", response is not None,
          sorted(op.get("responses", {})))
    if not response:
        return None
    media = ctype.split(";")[0].strip()
    content = response.get("content", {})
    check(f"{name}: {media} documented", media in content, sorted(content))
    if media != "application/json" or media not in content:
        return data
    doc = json.loads(data)
    validate(f"{name}: answer valid under its schema", content[media]["schema"], doc)
    return doc


def requests(srv, token):
    call(srv, "GET", "/api/health", 200)
    call(srv, "GET", "/api/charts", 200)
    call(srv, "GET", "/api/charts/billboard-hot-100?limit=5", 200)
    call(srv, "GET", "/api/charts/billboard-hot-100?period=1973-05-15", 200)
    call(srv, "GET", "/api/charts/billboard-hot-100?period=bad", 400)
    call(srv, "GET", "/api/charts/no-such-chart", 404)
    call(srv, "GET", "/api/charts/billboard-hot-100/periods?limit=2", 200)
    call(srv, "GET", "/api/charts/no-such-chart/periods", 404)
    for by in ("periods", "peak", "streak", "no1"):
        call(srv, "GET", f"/api/charts/billboard-hot-100/top?by={by}&limit=3", 200)
    call(srv, "GET", "/api/charts/billboard-hot-100/top?by=nothing", 400)
    call(srv, "GET", "/api/charts/no-such-chart/top", 404)
    call(srv, "GET", "/api/search?q=haseen", 200)
    call(srv, "GET", "/api/search?q=" + quote("Supernova"), 200)
    call(srv, "GET", "/api/search", 400)
    call(srv, "GET", "/api/songs/120", 200)
    song = call(srv, "GET", "/api/search?q=supernova", 200)
    if song and song["songs"]:
        call(srv, "GET", f"/api/songs/{song['songs'][0]['id']}", 200)
    call(srv, "GET", f"/api/songs/{MERGED[0]}", 301)
    whole = call(srv, "GET", "/api/songs/120", 200)
    if whole and whole["runs"]:
        chart = whole["runs"][0]["chart"]
        call(srv, "GET", f"/api/songs/120/history?chart={quote(chart)}", 200)
        charts = ",".join(r["chart"] for r in whole["runs"])
        call(srv, "GET", f"/api/songs/120/history?charts={quote(charts)}", 200)
    call(srv, "GET", "/api/songs/120/history", 400)
    call(srv, "GET", "/api/songs/120/history?charts=a,,b", 400)
    call(srv, "GET", "/api/songs/999999999", 404)
    call(srv, "GET", "/api/artists/" + quote("Stevie Wonder"), 200)
    call(srv, "GET", "/api/artists/" + quote("Nova"), 200)
    call(srv, "GET", "/api/artists/" + quote("Nova") + "?entries=1", 200)
    call(srv, "GET", "/api/artists/" + quote("zzzqqq nobody"), 404)
    call(srv, "GET", "/api/allkill?kind=t-api", 200)
    call(srv, "GET", "/api/allkill?limit=0", 400)
    call(srv, "GET", "/api/allkill/at/2024-03-01T01?kind=t-api", 200)
    call(srv, "GET", "/api/allkill/at/2024-13-01T01", 400)
    call(srv, "GET", "/api/news?limit=20", 200)
    call(srv, "GET", "/api/news?chart=billboard-hot-100&since=1973-01-01", 200)
    call(srv, "GET", "/api/news?since=yesterday", 400)
    call(srv, "GET", "/api/records?measure=spotify-streams&limit=3", 200)
    call(srv, "GET", "/api/records?measure=spotify-streams&at_least=700000000&mode=first"
                     "&role=b-side&market=k-pop", 200)
    call(srv, "GET", "/api/records?measure=first-week&provider=oricon", 200)
    call(srv, "GET", "/api/records", 400)
    call(srv, "GET", "/api/regions", 200)
    call(srv, "GET", "/api/regions?family=spotify-daily&top=10&limit=2", 200)
    call(srv, "GET", "/api/regions?top=0", 400)
    call(srv, "GET", "/api/regions?family=no-such-family", 404)
    call(srv, "GET", "/api/sales/Dawn", 200)
    call(srv, "GET", "/api/sales/orbit/late", 200)
    call(srv, "GET", "/api/sales/Dawnn", 404)
    call(srv, "GET", "/api/units?week=2019-10-19", 200)
    call(srv, "GET", "/api/units", 400)
    call(srv, "GET", "/api/units?week=2015-01-03", 404)
    call(srv, "GET", "/api/certs", 200)
    call(srv, "GET", "/api/certs?release=orbit/late", 200)
    call(srv, "GET", "/feed.atom", 200)
    call(srv, "GET", "/feed.atom?chart=billboard-hot-100", 200)
    call(srv, "GET", "/feed.atom?chart=no-such-chart", 404)
    call(srv, "GET", "/feed.atom?chart=" + "x" * 5000, 400)
    call(srv, "GET", "/", 200)
    csv = open(os.path.join(FIX, "spotify", "regional-pk-daily-2025-12-02.csv"), "rb").read()
    auth = {"Authorization": "Bearer " + token}
    name = "/api/ingest?name=regional-pk-daily-2025-12-02.csv"
    call(srv, "POST", name, 401, csv)
    call(srv, "POST", name, 200, csv, auth)
    call(srv, "POST", "/api/ingest?name=bad.csv", 400, b"chart,period\n", auth)
    # A body over the limit, announced (Expect: 100-continue): 413 before
    # it is sent.
    c = http.client.HTTPConnection(srv.host, srv.port, timeout=30)
    c.putrequest("POST", "/api/ingest?name=big.csv")
    c.putheader("Authorization", "Bearer " + token)
    c.putheader("Content-Length", str(2 << 20))
    c.putheader("Expect", "100-continue")
    c.endheaders()
    r = c.getresponse()
    answer("POST", "/api/ingest?name=big.csv", 413, r.status, r.getheader("Content-Type", ""),
           r.read())
    c.close()
    changed = csv.replace(b"Gal Sun", b"Gal Sun (Remix)", 1)
    call(srv, "POST", name, 409, changed, auth)
    # Forgetting the file just posted, by its digest (as `kchart forget
    # --dry-run` names it): a dry run, then for good, then it is gone.
    said = subprocess.run([KC, "forget", "--dry-run", "--db", DB,
                           os.path.join(FIX, "spotify", "regional-pk-daily-2025-12-02.csv")],
                          capture_output=True, text=True).stdout
    found = re.search(r"file ([0-9a-f]{32})\)", said)
    check("forget --dry-run names the posted file's digest", found is not None, said)
    if found:
        gone = "/api/ingest/" + found.group(1)
        call(srv, "DELETE", gone, 401)
        call(srv, "DELETE", gone + "?dry_run=1", 200, None, auth)
        call(srv, "DELETE", gone, 200, None, auth)
        call(srv, "DELETE", gone, 404, None, auth)
    call(srv, "DELETE", "/api/ingest/not-a-digest", 400, None, auth)


def server_routes():
    """The routes src/http answers, as (method, template with {} for each
    parameter), read from its route table and handlers."""
    api = open(os.path.join(ROOT, "src", "http", "api.c"), encoding="utf-8").read()
    body = api[api.index("int http_api_get("):]
    routes = set()
    for m in re.finditer(r'route\(p, "([^"]+)", (NULL|"([^"]+)")', body):
        routes.add(("get", m.group(1) + "{}" + (m.group(3) or "")))
    for m in re.finditer(r'!strcmp\(p, "([^"]+)"\)', body):
        routes.add(("get", m.group(1)))
    for m in re.finditer(r'!strncmp\(p, "([^"]+)", \d+\)', body):
        routes.add(("get", m.group(1) + "{}"))
    server = open(os.path.join(ROOT, "src", "http", "server.c"), encoding="utf-8").read()
    methods = set(re.findall(r'!strcmp\(method, "([A-Z]+)"\)', server))
    for m in re.finditer(r'(post|delete|put|patch) && strcmp\(url, "([^"]+)"\)', server):
        routes.add((m.group(1), m.group(2)))
    if '"/feed.atom"' in server:
        routes.add(("get", "/feed.atom"))
    if '!strcmp(p, "/")' in server:
        routes.add(("get", "/"))
    return routes, methods


def coverage():
    documented = {(method, re.sub(r"\{[^}]+\}", "{}", template))
                  for template, item in DOC["paths"].items() for method in item
                  if method in ("get", "post", "put", "delete", "patch")}
    routes, methods = server_routes()
    check("the route table was read", len(routes) >= 15, sorted(routes))
    for route in sorted(routes):
        check(f"{route[0].upper()} {route[1]}: in docs/openapi.yaml", route in documented,
              "the server answers it; document it")
    for method in sorted(methods - {"GET", "HEAD", "OPTIONS"}):
        check(f"{method}: documented on some route",
              any(m == method.lower() for m, _ in documented), "the server takes it")
    for method, template in sorted(documented):
        check(f"{method.upper()} {template}: called by this test",
              any(m == method and re.sub(r"\{[^}]+\}", "{}", t) == template
                  for m, t in called), "add a request for it")


def main():
    token = build_store()
    web = os.path.join(TMP, "web")
    os.makedirs(os.path.join(web, "assets"))
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>kchart</title>")
    srv = Server(web)
    try:
        requests(srv, token)
    finally:
        srv.stop()
    coverage()
    shutil.rmtree(TMP)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
