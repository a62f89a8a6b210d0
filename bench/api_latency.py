#!/usr/bin/env python3
"""api_latency.py: the client of bench/api_latency.sh (issue 22).

  api_latency.py paths STORE OUT [--seed N]
      picks the requests of every route of src/http/api.c from the store
      (read only, random with a fixed seed, so two runs and two binaries ask
      the same): one line a request, "ROUTE<TAB>PATH".
  api_latency.py measure PATHS NAME=PORT[:PREFIX]... [--passes N]
      asks each server every path, one request at a time on one keep-alive
      connection, and prints p50/p99 per route, the servers side by side.
      Every pass but the last warms up (the cached server's answers, the
      SQLite page cache); the last is measured. A server given as
      NAME=PORT:static is a static server holding the same answers as files
      (saved by `save`), asked for /r/N.json instead of request N's path.
      A server given as NAME=PORT:cpu=PID also gets a column "NAME cpu":
      the CPU time its process spent on each answer (the sum of its
      threads' /proc schedstat), which other work on the machine does not
      inflate as it does the wall-clock time.
  api_latency.py save PATHS PORT DIR
      saves every answer (status line and body) of the server as DIR/r/N.json
      and DIR/answers.txt (N, status, route, path, the body's SHA-256): the
      static peer's files and what `same` compares.
  api_latency.py same A.txt B.txt
      compares two answers.txt: exits 1 naming the requests whose status or
      body differ.

Not a load test (wrk does that: bench/serve.sh): this measures the time one
answer takes, the client on another core.
"""
import hashlib
import http.client
import os
import random
import re
import sqlite3
import sys
import time
import urllib.parse

q = urllib.parse.quote


def pick(db, sql, n, rng):
    rows = [r for r in db.execute(sql).fetchall()]
    rows.sort()  # the store's order must not matter, only the seed
    if len(rows) <= n:
        return rows
    return rng.sample(rows, n)


def make_paths(store, out, seed):
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    rng = random.Random(seed)
    reqs = []

    def add(route, path):
        reqs.append((route, path))

    add("health", "/api/health")
    for _ in range(20):
        add("charts", "/api/charts")
    charts = [r[0] for r in db.execute("SELECT id FROM chart ORDER BY id")]
    stored = [r[0] for r in db.execute(
        "SELECT DISTINCT chart_id FROM snapshot ORDER BY chart_id")]
    for c, p in pick(db, "SELECT chart_id, period FROM snapshot", 500, rng):
        add("chart", "/api/charts/%s?period=%s" % (q(c), q(p)))
    for c in rng.sample(stored, min(len(stored), 50)):
        add("chart-latest", "/api/charts/%s" % q(c))
    for c in rng.sample(stored, min(len(stored), 50)):
        off = rng.choice([0, 0, 100, 1000])
        add("periods", "/api/charts/%s/periods?offset=%d" % (q(c), off))
    for _ in range(100):
        c = rng.choice(stored)
        by = rng.choice(["periods", "peak", "streak", "no1"])
        off = rng.choice([0, 0, 100, 200])
        add("top", "/api/charts/%s/top?by=%s&offset=%d" % (q(c), by, off))
    # Common words: the 200 most frequent words of song titles.
    freq = {}
    for (t,) in db.execute("SELECT title FROM song"):
        for w in re.findall(r"[^\W_]+", t.lower()):
            if len(w) >= 2:
                freq[w] = freq.get(w, 0) + 1
    common = sorted(freq, key=lambda w: (-freq[w], w))[:200]
    for w in rng.sample(common, min(len(common), 200)):
        add("search", "/api/search?q=%s" % q(w))
    for (s,) in pick(db, "SELECT id FROM song", 2000, rng):
        add("song", "/api/songs/%d" % s)
    for (a,) in pick(db, "SELECT id FROM artist", 300, rng):
        add("artist", "/api/artists/%d" % a)
    for (n,) in pick(db, "SELECT name FROM artist", 100, rng):
        add("artist", "/api/artists/%s" % q(n, safe="/"))
    kinds = [None, "certified", "realtime", "perfect", "archive-realtime"]
    for k in kinds:
        add("allkill", "/api/allkill" + ("?kind=" + k if k else ""))
        add("allkill", "/api/allkill?by=first" + ("&kind=" + k if k else ""))
        for y in (2017, 2018, 2020):
            add("allkill", "/api/allkill?year=%d" % y + ("&kind=" + k if k else ""))
    hours = [r for r in db.execute(
        "SELECT period FROM snapshot WHERE period LIKE '____-__-__T__'")]
    hours = sorted(set(hours))
    for (h,) in rng.sample(hours, min(len(hours), 100)) if hours else []:
        add("allkill-at", "/api/allkill/at/%s" % h)
    if not hours:
        for d in range(100):
            add("allkill-at", "/api/allkill/at/2020-01-%02dT%02d" % (1 + d % 28, d % 24))
    for i in range(100):
        r = rng.random()
        if r < 0.5:
            add("news", "/api/news?offset=%d" % (rng.randrange(0, 20) * 100))
        elif r < 0.8:
            add("news", "/api/news?chart=%s&offset=%d" % (
                q(rng.choice(stored)), rng.choice([0, 0, 100])))
        else:
            add("news", "/api/news?since=%d-%02d-01" % (
                rng.randrange(1960, 2026), rng.randrange(1, 13)))
    # Records read every song of a chart: a few, a page of 20 rows each.
    for _ in range(10):
        c = rng.choice(stored)
        m = rng.choice(["periods", "no1", "streak", "peak"])
        extra = rng.choice(["", "&at_least=10&mode=first", "&at_least=1&mode=only"])
        add("records", "/api/records?measure=%s&chart=%s%s&limit=20" % (m, q(c), extra))
    rels = [r for r in db.execute("SELECT key FROM release ORDER BY key LIMIT 20")]
    for (k,) in rels:
        add("sales", "/api/sales/%s" % q(k, safe="/"))
    add("sales", "/api/sales/no-such-release")
    for _ in range(20):
        add("units", "/api/units?week=%d-%02d-%02d" % (
            rng.randrange(2015, 2026), rng.randrange(1, 13), rng.randrange(1, 29)))
    add("certs", "/api/certs")
    for (k,) in rels[:10]:
        add("certs", "/api/certs?release=%s" % q(k))
    with open(out, "w") as f:
        for route, path in reqs:
            f.write("%s\t%s\n" % (route, path))
    print("%d requests" % len(reqs), file=sys.stderr)


def read_paths(path):
    with open(path) as f:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in f if line.strip()]


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def get(self, path):
        for attempt in (0, 1):
            try:
                self.conn.request("GET", path)
                r = self.conn.getresponse()
                return r.status, r.read()
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    return xs[min(len(xs) - 1, int(p / 100.0 * len(xs)))]


def cpu_ns(pid):
    """The CPU time (ns) every thread of process pid has run so far
    (/proc/PID/task/*/schedstat, first field)."""
    total = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
        except OSError:
            pass  # a thread that ended
    return total


def measure(paths_file, servers, passes):
    reqs = read_paths(paths_file)
    routes = []
    for r, _ in reqs:
        if r not in routes:
            routes.append(r)
    times = {}
    for name, port, static, pid in servers:
        c = Client(port)
        t = times[name] = {r: [] for r in routes}
        if pid:
            u = times[name + " cpu"] = {r: [] for r in routes}
        for ps in range(passes):
            for i, (route, path) in enumerate(reqs):
                p = "/r/%d.json" % i if static else path
                c0 = cpu_ns(pid) if pid else 0
                t0 = time.perf_counter()
                status, body = c.get(p)
                dt = time.perf_counter() - t0
                if ps == passes - 1:
                    t[route].append(dt * 1000.0)
                    if pid:
                        u[route].append((cpu_ns(pid) - c0) / 1e6)
    names = []
    for s in servers:
        names.append(s[0])
        if s[3]:
            names.append(s[0] + " cpu")
    head = "%-13s %5s" % ("route", "n")
    for n in names:
        head += " %29s" % (n + " p50/p99 ms")
    print(head)
    for r in routes:
        line = "%-13s %5d" % (r, len(times[names[0]][r]))
        for n in names:
            xs = times[n][r]
            line += " %29s" % ("%.2f / %.2f" % (pct(xs, 50), pct(xs, 99)))
        print(line)
    line = "%-13s %5d" % ("all", len(reqs))
    for n in names:
        xs = [x for r in routes for x in times[n][r]]
        line += " %29s" % ("%.2f / %.2f" % (pct(xs, 50), pct(xs, 99)))
    print(line)


def save(paths_file, port, outdir):
    reqs = read_paths(paths_file)
    os.makedirs(os.path.join(outdir, "r"), exist_ok=True)
    c = Client(port)
    with open(os.path.join(outdir, "answers.txt"), "w") as f:
        for i, (route, path) in enumerate(reqs):
            status, body = c.get(path)
            with open(os.path.join(outdir, "r", "%d.json" % i), "wb") as b:
                b.write(body)
            f.write("%d\t%d\t%s\t%s\t%s\n" % (
                i, status, route, path, hashlib.sha256(body).hexdigest()))


def same(a, b):
    la = open(a).read().splitlines()
    lb = open(b).read().splitlines()
    if len(la) != len(lb):
        print("%s has %d answers, %s %d" % (a, len(la), b, len(lb)))
        return 1
    bad = [(x, y) for x, y in zip(la, lb) if x != y]
    for x, y in bad[:20]:
        print("differs:\n  %s\n  %s" % (x, y))
    statuses = {}
    for x in la:
        f = x.split("\t")
        statuses.setdefault(f[2], {}).setdefault(f[1], 0)
        statuses[f[2]][f[1]] += 1
    print("%d answers compared, %d differ (statuses by route: %s)" % (
        len(la), len(bad),
        ", ".join("%s %s" % (r, "/".join("%s:%d" % kv for kv in sorted(s.items())))
                  for r, s in statuses.items())))
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "paths":
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 22
        make_paths(argv[1], argv[2], seed)
        return 0
    if len(argv) >= 3 and argv[0] == "measure":
        passes = 1
        args = argv[2:]
        if "--passes" in args:
            i = args.index("--passes")
            passes = int(args[i + 1])
            del args[i:i + 2]
        servers = []
        for s in args:
            name, rest = s.split("=", 1)
            port, _, kind = rest.partition(":")
            pid = int(kind[4:]) if kind.startswith("cpu=") else 0
            servers.append((name, int(port), kind == "static", pid))
        measure(argv[1], servers, passes)
        return 0
    if len(argv) == 4 and argv[0] == "save":
        save(argv[1], int(argv[2]), argv[3])
        return 0
    if len(argv) == 3 and argv[0] == "same":
        return same(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
