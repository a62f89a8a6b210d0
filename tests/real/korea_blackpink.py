#!/usr/bin/env python3
"""Independent counts over the raw korea-blackpink JSON, for
korea_blackpink.sh: what kchart must have stored and derived.

Usage: korea_blackpink.py DATASET_DIR WHAT
  totals   snapshots, entries and dropped rows, one per line
  no1      title|chart|periods at No. 1, sorted
  allkill  title|hours|missing-per-chart for melon+genie+bugs real-time
"""
import glob
import json
import os
import sys
from collections import defaultdict

root, what = sys.argv[1], sys.argv[2]
songmap = json.load(open(os.path.join(root, "data.json")))
title = {}
for rel in songmap["data"]:
    for s in rel["songs"]:
        for platform, i in s["song_id"].items():
            title[f"{platform}:{i}"] = s["title"]

UNIT = {"HOURS": 13, "DAYS": 10, "WEEKS": 10}
snaps = defaultdict(dict)  # (chart, period) -> {song: rank or None}
for path in sorted(glob.glob(os.path.join(root, "**", "*.json"), recursive=True)):
    if os.path.basename(path) == "data.json":
        continue
    body = json.load(open(path))["body"]
    chart = body["chart"].lower()
    if chart.endswith("_chart"):
        chart = chart[: -len("_chart")]
    chart = chart.replace("_", "-")
    song = title[f"{body['platform']}:{body['songId']}"]
    for p in body["data"]:
        unit = body["timeUnit"]
        if unit in UNIT:
            period = p["time"][: UNIT[unit]]
        elif unit == "MONTHS":
            period = "%04d-%02d" % (p["year"], p["month"])
        else:
            period = "%04d" % p["year"]
        seen = snaps[(chart, period)]
        if p["ranking"] is not None:
            seen[song] = p["ranking"]
        else:
            seen.setdefault(song, None)

# A rank claimed by two songs keeps neither.
kept = {}
dropped = 0
for key, songs in snaps.items():
    by_rank = defaultdict(list)
    for s, r in songs.items():
        if r is not None:
            by_rank[r].append(s)
    kept[key] = {}
    for r, ss in by_rank.items():
        if len(ss) > 1:
            dropped += len(ss)
        else:
            kept[key][ss[0]] = r

if what == "totals":
    print(len(kept))
    print(sum(len(v) for v in kept.values()))
    print(dropped)
elif what == "no1":
    n = defaultdict(int)
    for (chart, period), songs in kept.items():
        for s, r in songs.items():
            if r == 1:
                n[(s, chart)] += 1
    for (s, chart), c in sorted(n.items()):
        print(f"{s}|{chart}|{c}")
elif what == "allkill":
    charts = ["melon-realtime", "genie-realtime", "bugs-realtime"]

    def hour(p):  # local hours since 1970-01-01
        import datetime

        d = datetime.date.fromisoformat(p[:10])
        return (d - datetime.date(1970, 1, 1)).days * 24 + int(p[11:13])

    no1 = {c: {} for c in charts}
    for (chart, period), songs in kept.items():
        if chart in no1:
            top = [s for s, r in songs.items() if r == 1]
            no1[chart][hour(period)] = top[0] if top else ""
    lo = max(min(min(v) for v in no1.values()), hour("2018-01-01T00"))
    hi = max(max(v) for v in no1.values()) + 1
    hours = defaultdict(int)
    missing = defaultdict(lambda: defaultdict(int))
    for h in range(lo, hi):
        present = {c: no1[c][h] for c in charts if h in no1[c]}
        tops = set(present.values())
        if len(tops) != 1 or "" in tops:
            continue
        s = tops.pop()
        if len(present) == len(charts):
            hours[s] += 1
        else:
            for c in charts:
                if c not in present:
                    missing[s][c] += 1
    for s in sorted(set(hours) | set(missing)):
        m = ", ".join(f"{c} {missing[s][c]} h" for c in charts if missing[s][c])
        print(f"{s}|{hours[s]}|{m}")
