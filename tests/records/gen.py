#!/usr/bin/env python3
"""Writes series.csv and chart.csv, the histories of tests/records/run.sh
(kept in the repo; run again after a change: python3 gen.py)."""
import datetime as dt

def d(s):
    return dt.date.fromisoformat(s)

rows = ["source,date,subject,value"]
# song, release date, the day its total reaches 700M: weekly totals from
# release, daily from three days before to three days after the crossing
# (699,999,999 the day before), 1M a day after it for a month.
songs = [("Kite Side|Kite", "2020-06-05", "2022-05-10"),
         ("Nova Side|Nova", "2021-03-05", "2022-09-01"),
         ("Ria Side|Ria", "2022-01-07", "2023-02-01"),
         ("Jae Side|Jae feat. Kite", "2022-06-03", "2023-01-20"),
         ("Nova Title|Nova", "2021-03-05", "2021-12-01"),
         ("Duet Side|Ria & Kite", "2022-01-07", "2023-06-30")]
for s, rel, cross in songs:
    r, c = d(rel), d(cross)
    days = {r + dt.timedelta(days=7 * k) for k in range(((c - r).days + 30) // 7 + 1)}
    days |= {c + dt.timedelta(days=k) for k in range(-3, 4)}
    for day in sorted(days):
        if day < c - dt.timedelta(days=1):
            v = 700_000_000 * (day - r).days // (c - r).days
            v = min(v, 699_000_000)
        elif day == c - dt.timedelta(days=1):
            v = 699_999_999
        else:
            v = 700_000_000 + 1_000_000 * (day - c).days
        rows.append(f"spotify-streams,{day},{s},{v}")
# Followers: joined, the day before 50M, the day of it.
for a, joined, cross in [("Ria", "2021-01-01", "2021-08-10"),
                         ("Jae", "2022-01-01", "2022-03-15"),
                         ("Kite", "2020-01-01", "2020-02-01")]:
    rows.append(f"instagram-followers,{joined},{a},1000")
    rows.append(f"instagram-followers,{d(cross) - dt.timedelta(days=1)},{a},49999999")
    rows.append(f"instagram-followers,{cross},{a},50000001")
open("series.csv", "w").write("\n".join(rows) + "\n")

# A daily Spotify chart from 2023-01-01: each song on it for its number of
# days in a row, ranked in the order below (Ria Side No. 1 while it is on
# it, 445 days; then Nova Side, 55 days).
span = {"Ria Side|Ria": 445, "Jae Side|Jae feat. Kite": 300, "Nova Side|Nova": 500,
        "Kite Side|Kite": 420, "Duet Side|Ria & Kite": 410}
out = ["chart,period,rank,title,artist"]
for i in range(500):
    on = [k for k in span if i < span[k]]
    for rank, k in enumerate(on, 1):
        t, a = k.split("|")
        out.append(f"spotify-global-daily,{d('2023-01-01') + dt.timedelta(days=i)},{rank},{t},{a}")
open("chart.csv", "w").write("\n".join(out) + "\n")
