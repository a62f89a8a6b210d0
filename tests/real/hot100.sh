#!/bin/sh
# The whole Billboard Hot 100 archive (bundled in data/, the same 3,549 charts
# as ../shared/data): every chart ingested; our last/peak/periods against
# Billboard's own; the same files again change nothing; rebuild equals
# incremental; a backfill (charts arriving out of order) gives the same runs.
set -u
. "$(dirname "$0")/common.sh"
dir=$(bundled billboard-hot100 billboard-hot100/date)
db="$tmp/hot100.db"
"$kchart" ingest --quiet --db "$db" "$dir" || exit 1
ok "charts stored" "$(sqlite3 "$db" 'SELECT count(*) FROM snapshot')" 3549
ok "entries stored" "$(sqlite3 "$db" 'SELECT count(*) FROM entry')" 354887
# The figures of docs/runs.md; each remaining miss is explained there.
ok_min "last equals Billboard's" "$(percent "$db" billboard-hot-100 last)" 99.9679
ok_min "peak equals Billboard's" "$(percent "$db" billboard-hot-100 peak)" 99.9811
ok_min "periods equals Billboard's" "$(percent "$db" billboard-hot-100 periods)" 100.0000
# Where Billboard's own numbers contradict each other (docs/runs.md): a
# previous rank its last-week column gives two songs, a peak worse than the
# archived rank.
misses_where() {
    sqlite3 "$db" "SELECT count(*) FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
        JOIN observation o ON o.snapshot_id = e.snapshot_id AND o.rank = e.rank
        WHERE s.chart_id = 'billboard-hot-100' AND $1"
}
ok "last misses on a previous rank Billboard gives twice" \
    "$(misses_where "e.last IS NOT o.p_last AND (SELECT count(*) FROM observation t
        WHERE t.snapshot_id = o.snapshot_id AND t.p_last = o.p_last) > 1")" 22
ok "peak misses where Billboard's peak is worse than the rank" \
    "$(misses_where "e.peak IS NOT o.p_peak AND o.p_peak > o.rank")" 47
ok "Monster Mash: the 1970 re-release restarts the count; 1973 continues it" \
    "$(sqlite3 "$db" "SELECT group_concat(debut_period || ':' || periods || ':' || peak, ' ')
        FROM (SELECT r.* FROM run r JOIN song s ON s.id = r.song_id
              WHERE s.title = 'Monster Mash' ORDER BY debut_period)")" \
    "1962-09-08:14:1 1970-08-29:42:1"
# Records by the most of the whole chart read their page from the
# leaderboard's indexes (records-chart.sql, :top); as of a day after the
# last chart, every song is ranked from its entries: the same rows (ranks,
# ties at the page's end, and how many were ranked).
for m in periods peak streak no1; do
    for l in 1 20 150; do
        rec() { "$kchart" records --db "$db" --chart billboard-hot-100 --measure $m \
            --limit $l --format csv "$@"; }
        rec >"$tmp/top.csv" 2>&1 || failed "records --measure $m: $(cat "$tmp/top.csv")"
        rec --at 2100-01-01 >"$tmp/all.csv" 2>&1 ||
            failed "records --measure $m --at: $(cat "$tmp/all.csv")"
        ok "records --measure $m --limit $l: the index's page is every song's ranking" \
            "$(cmp -s "$tmp/top.csv" "$tmp/all.csv" && echo same)" same
    done
done
# Records with a threshold read only the songs that met it (each one's
# entries when fewer than 100, else a walk of the periods for --first and
# --only, and for --most the songs at or above the page's last, ties
# included: records.c, cross_find); as of a day after the last chart,
# every entry is read: the same answer (how many did, how many of them are
# known only by a later date) and the same rows. The best peak at
# --at-least 10 has 1,195 songs tied at No. 1 for a page of 20.
for m in periods peak streak no1; do
    for t in 1 10 40; do
        for mode in first only most fastest; do
            rec() { "$kchart" records --db "$db" --chart billboard-hot-100 --measure $m \
                --at-least $t --$mode --limit 20 "$@"; }
            rec >"$tmp/cross.txt" 2>&1 || failed "records --at-least: $(cat "$tmp/cross.txt")"
            rec --at 2100-01-01 >"$tmp/all.txt" 2>&1 ||
                failed "records --at-least --at: $(cat "$tmp/all.txt")"
            ok "records --measure $m --at-least $t --$mode: the crossings read are every song's" \
                "$(cmp -s "$tmp/cross.txt" "$tmp/all.txt" && echo same)" same
        done
    done
done
"$kchart" entries --db "$db" billboard-hot-100 --format csv >"$tmp/incremental.csv"
sqlite3 "$db" .dump >"$tmp/before.sql"
"$kchart" ingest --quiet --db "$db" "$dir" || exit 1
sqlite3 "$db" .dump >"$tmp/after.sql"
ok "ingesting again changes nothing" "$(cmp -s "$tmp/before.sql" "$tmp/after.sql" && echo same)" same
"$kchart" rebuild --db "$db" || exit 1
"$kchart" entries --db "$db" billboard-hot-100 --format csv >"$tmp/rebuilt.csv"
ok "rebuild equals incremental" "$(cmp -s "$tmp/incremental.csv" "$tmp/rebuilt.csv" && echo same)" same
# --fastest ranks the songs with a release: with the bundled catalog (16 of
# its songs on the Hot 100, The Weeknd's and BTS's among them), the walk's
# first crossings and every song the catalog knows are read (records.c,
# cross_released); the same answers as from every entry.
cp "$db" "$tmp/catalog.db"
"$kchart" catalog import --db "$tmp/catalog.db" "$root/data/catalog.json" >/dev/null || exit 1
n=0 differ=
for m in periods peak streak no1; do
    for t in 1 10; do
        for mode in fastest most; do
            records_as_whole $m:$t:$mode --db "$tmp/catalog.db" --chart billboard-hot-100 \
                --measure $m --at-least $t --$mode --limit 20
        done
    done
done
ok "records with releases: the crossings read are every song's ($n answers)" \
    "${differ:-none}" none
"$kchart" records --db "$tmp/catalog.db" --chart billboard-hot-100 --measure periods \
    --at-least 10 --fastest --limit 20 >"$tmp/fastest.txt" 2>&1
ok_grep "... a release ranks the fastest" "was the fastest song to spend 10 weeks" \
    "$tmp/fastest.txt"
# Out of order: the charts of 1976-78 (with the renumbered ones) arrive in a
# fixed shuffled order, each a backfill or an append; the runs must equal an
# in-order ingest of the same charts.
mkdir "$tmp/sub"
cp "$dir"/1976-* "$dir"/1977-* "$dir"/1978-* "$tmp/sub/"
"$kchart" ingest --quiet --db "$tmp/ordered.db" "$tmp/sub" || exit 1
for f in $(ls "$tmp/sub" | awk 'BEGIN { srand(42) } { print rand() "\t" $0 }' | sort | cut -f2); do
    "$kchart" ingest --quiet --db "$tmp/shuffled.db" "$tmp/sub/$f" || exit 1
done
"$kchart" entries --db "$tmp/ordered.db" billboard-hot-100 --format csv | cut -d, -f1,2,4- >"$tmp/ordered.csv"
"$kchart" entries --db "$tmp/shuffled.db" billboard-hot-100 --format csv | cut -d, -f1,2,4- >"$tmp/shuffled.csv"
ok "out of order equals in order (song ids aside)" \
    "$(cmp -s "$tmp/ordered.csv" "$tmp/shuffled.csv" && echo same)" same
ok "out of order: same number of songs" \
    "$(sqlite3 "$tmp/shuffled.db" 'SELECT count(*) FROM song')" \
    "$(sqlite3 "$tmp/ordered.db" 'SELECT count(*) FROM song')"
finish
