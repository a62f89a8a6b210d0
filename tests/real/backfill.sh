#!/bin/sh
# Backfills on the real archives (../shared/data; skipped without them):
# older charts ingested into a store that holds newer ones must give the
# same entries and runs as an in-order ingest of all (songs named by their
# first entry, since ids follow the order files came in). The Hot 100's
# older half after its newer half (a backfill at the start, 1,774 charts,
# 7 groups), while a second writer does a tiny write again and again with
# a 3 s busy timeout (scaled under the sanitizers): none may fail (no group holds the write lock much
# past a second), the same entries and verify figures as in order; then
# in groups of 37 with the ingest's cache dropped at each group, as a
# second writer's writes make it, the same entries.
# Then groups of 1, 7 and all on 60 weeks, a gap in the middle filled
# (1976-78), and Spotify Pakistan's days at the start and in the middle.
# The speed is a benchmark's (README, docs/runs.md).
set -u
. "$(dirname "$0")/common.sh"
need_data billboard-hot100
need_data spotify-daily-pk

# Entries and runs, each song named by its first entry.
dump() {
    sqlite3 "$1" "
WITH first AS (SELECT e.song_id AS song, min(s.period || '#' || e.rank) AS name
  FROM entry e JOIN snapshot s ON s.id = e.snapshot_id GROUP BY e.song_id)
SELECT 'e', s.chart_id, s.period, e.rank, f.name, e.last, e.status, e.peak,
  e.periods, e.streak, e.seeded
  FROM entry e JOIN snapshot s ON s.id = e.snapshot_id JOIN first f ON f.song = e.song_id
UNION ALL
SELECT 'r', r.chart_id, f.name, r.debut_period, r.debut_rank, r.periods, r.streak,
  r.longest_streak, r.peak, r.peak_period, r.periods_at_peak || '/' ||
  r.periods_at_no1 || '/' || r.reentries || '/' || r.last_period || '/' || r.last_rank
  FROM run r JOIN first f ON f.song = r.song_id
ORDER BY 1, 2, 3, 4;"
}

# links DIR FILE...: symlinks in DIR to each FILE.
links() {
    d=$1
    shift
    mkdir -p "$d" || exit 1
    for f in "$@"; do ln -s "$f" "$d/" || exit 1; done
}

hot=$data/billboard-hot100/date
n=$(ls "$hot" | wc -l)
half=$((n / 2))
links "$tmp/older" $(ls "$hot"/* | head -n "$half")
links "$tmp/newer" $(ls "$hot"/* | tail -n +"$((half + 1))")
"$kchart" ingest --quiet --db "$tmp/all.db" "$hot" || exit 1
dump "$tmp/all.db" >"$tmp/all.txt"
"$kchart" verify --db "$tmp/all.db" >"$tmp/all.verify" || exit 1

"$kchart" ingest --quiet --db "$tmp/newer.db" "$tmp/newer" || exit 1
cp "$tmp/newer.db" "$tmp/back.db" || exit 1
sqlite3 "$tmp/back.db" "CREATE TABLE ping (x)" || exit 1
# The second writer's busy timeout: 3 s, scaled under the sanitizers
# (KC_LOCK_WAIT_MS, tests/CMakeLists.txt), whose groups take several times
# as long (one failed at 3 s under ASan with one of two cores busy).
wait_ms=${KC_LOCK_WAIT_MS:-3000}
touch "$tmp/running"
(
    tries=0 failed=0
    while [ -e "$tmp/running" ]; do
        sqlite3 -cmd ".timeout $wait_ms" "$tmp/back.db" "INSERT INTO ping VALUES (1)" \
            >/dev/null 2>>"$tmp/ping.err" || failed=$((failed + 1))
        tries=$((tries + 1))
    done
    echo "$tries $failed" >"$tmp/ping"
) &
"$kchart" ingest --quiet --db "$tmp/back.db" "$tmp/older" || exit 1
rm "$tmp/running"
wait
ok_min "a second writer wrote during the backfill" "$(cut -d' ' -f1 "$tmp/ping")" 1
ok "no write of a second writer failed ($wait_ms ms busy timeout)" \
    "$(cut -d' ' -f2 "$tmp/ping")" 0
dump "$tmp/back.db" >"$tmp/back.txt"
# Strict: the groups of 256 and the second writer's writes (which make the
# ingest drop what it keeps in memory) change nothing (docs/runs.md,
# "Backfills": once the 1973 re-entry of "Monster Mash" went to the 1962
# song, by the higher id).
ok_file "Hot 100: older half after newer equals in order" "$tmp/all.txt" "$tmp/back.txt"
"$kchart" verify --db "$tmp/back.db" >"$tmp/back.verify" || exit 1
ok_file "Hot 100: the same verify figures" "$tmp/all.verify" "$tmp/back.verify"
# What a second writer does to the ingest, without its timing: each group
# begins as if another connection had written (what the ingest keeps in
# memory dropped), in groups of 37 files (48 walks, not 7).
cp "$tmp/newer.db" "$tmp/drop.db" || exit 1
KCHART_TEST_CACHE_DROP=1 KCHART_TEST_GROUP_FILES=37 \
    "$kchart" ingest --quiet --db "$tmp/drop.db" "$tmp/older" || exit 1
dump "$tmp/drop.db" >"$tmp/drop.txt"
ok_file "Hot 100: older half in groups of 37, the cache dropped at each, equals in order" \
    "$tmp/all.txt" "$tmp/drop.txt"

# Groups: the same files give the same store however they are grouped
# (KCHART_TEST_GROUP_FILES: 1, 7, all files a commit), and the store is
# the one an in-order ingest makes. 200 weeks from 1977-10: 140 stored
# first (from 1978-07, without 1979-09/1980-01), then 60 (the 40 weeks
# before, the 20 of the hole) backfilled. Song ids: those stored before
# the backfill do not move, whatever the groups (with groups of one file,
# 123 moved while identity followed Billboard's previous rank across the
# hole: docs/runs.md, "Backfills").
links "$tmp/g-base" $(ls "$hot"/* | sed -n '1041,1100p;1121,1200p')
links "$tmp/g-back" $(ls "$hot"/* | sed -n '1001,1040p;1101,1120p')
links "$tmp/g-all" $(ls "$hot"/* | sed -n '1001,1200p')
"$kchart" ingest --quiet --db "$tmp/g-io.db" "$tmp/g-all" || exit 1
dump "$tmp/g-io.db" >"$tmp/g-io.txt"
KCHART_NOW=2026-12-07T00:00:00Z "$kchart" ingest --quiet --db "$tmp/g-base.db" \
    "$tmp/g-base" || exit 1
# The store as text, the times of ingest masked.
store() {
    sqlite3 "$1" .dump | sed "s/'[0-9-]*T[0-9:]*Z'/'TIME'/g"
}
# The entries stored before the backfill whose song id moved.
moved() {
    sqlite3 "$1" "ATTACH '$tmp/g-base.db' AS b;
SELECT count(*) FROM b.entry be JOIN b.snapshot bs ON bs.id = be.snapshot_id
  JOIN snapshot s ON s.chart_id = bs.chart_id AND s.period = bs.period
  JOIN entry e ON e.snapshot_id = s.id AND e.rank = be.rank
  WHERE e.song_id <> be.song_id"
}
for g in 1 7 100000; do
    cp "$tmp/g-base.db" "$tmp/g$g.db" || exit 1
    KCHART_TEST_GROUP_FILES=$g KCHART_NOW=2026-12-07T00:00:00Z \
        "$kchart" ingest --quiet --db "$tmp/g$g.db" "$tmp/g-back" || exit 1
    dump "$tmp/g$g.db" >"$tmp/g$g.txt"
    ok_file "Hot 100: 60 weeks backfilled in groups of $g equal in order" \
        "$tmp/g-io.txt" "$tmp/g$g.txt"
done
for g in 1 7 100000; do
    ok "Hot 100: groups of $g: no song id stored before moved" "$(moved "$tmp/g$g.db")" 0
done
# Groups are cut by a count, not by time: the same ingest again gives the
# same store, byte for byte but for the times of ingest.
cp "$tmp/g-base.db" "$tmp/g7b.db" || exit 1
KCHART_TEST_GROUP_FILES=7 KCHART_NOW=2026-12-07T00:00:00Z \
    "$kchart" ingest --quiet --db "$tmp/g7b.db" "$tmp/g-back" || exit 1
store "$tmp/g7.db" >"$tmp/g7.sql"
store "$tmp/g7b.db" >"$tmp/g7b.sql"
ok_file "Hot 100: the same backfill twice, the same store (.dump)" \
    "$tmp/g7.sql" "$tmp/g7b.sql"

# A gap in the middle filled: 1976-78 (with the 13 renumbered charts).
links "$tmp/outer" $(ls "$hot"/* | grep -v '/19\(76\|77\|78\)-')
links "$tmp/gap" "$hot"/1976-* "$hot"/1977-* "$hot"/1978-*
"$kchart" ingest --quiet --db "$tmp/gap.db" "$tmp/outer" || exit 1
"$kchart" ingest --quiet --db "$tmp/gap.db" "$tmp/gap" || exit 1
dump "$tmp/gap.db" >"$tmp/gap.txt"
ok_file "Hot 100: 1976-78 filled in equals in order" "$tmp/all.txt" "$tmp/gap.txt"

# Spotify Pakistan (days): the first week after the rest, then three days
# in the middle after the rest.
pk=$data/spotify-daily-pk
"$kchart" ingest --quiet --db "$tmp/pk.db" "$pk" || exit 1
dump "$tmp/pk.db" >"$tmp/pk.txt"
links "$tmp/pk-late" $(ls "$pk"/*.csv | tail -n +8)
links "$tmp/pk-early" $(ls "$pk"/*.csv | head -n 7)
"$kchart" ingest --quiet --db "$tmp/pk-start.db" "$tmp/pk-late" || exit 1
"$kchart" ingest --quiet --db "$tmp/pk-start.db" "$tmp/pk-early" || exit 1
dump "$tmp/pk-start.db" >"$tmp/pk-start.txt"
ok_file "Spotify PK: the first week after the rest equals in order" \
    "$tmp/pk.txt" "$tmp/pk-start.txt"
links "$tmp/pk-outer" $(ls "$pk"/*.csv | sed -n '1,9p;13,$p')
links "$tmp/pk-mid" $(ls "$pk"/*.csv | sed -n '10,12p')
"$kchart" ingest --quiet --db "$tmp/pk-gap.db" "$tmp/pk-outer" || exit 1
"$kchart" ingest --quiet --db "$tmp/pk-gap.db" "$tmp/pk-mid" || exit 1
dump "$tmp/pk-gap.db" >"$tmp/pk-gap.txt"
ok_file "Spotify PK: three days in the middle filled in equals in order" \
    "$tmp/pk.txt" "$tmp/pk-gap.txt"
finish
