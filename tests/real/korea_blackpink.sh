#!/bin/sh
# The korea-blackpink archive (bundled in data/): per-song rank series on
# Melon, Genie, Bugs, FLO, VIBE and Circle, ingested whole as one dataset.
# Checked against independent counts over the raw JSON (korea_blackpink.py):
# snapshots, entries and the rows dropped where two songs claim one rank;
# each song's periods at No. 1 on every chart; All-Kill hours on the
# archive's three real-time charts, with the hours lost to a missing chart.
# After rebuild, the same All-Kills and news; ingesting it again changes
# nothing.
set -u
. "$(dirname "$0")/common.sh"
dir=$(bundled korea-blackpink korea-blackpink)
db="$tmp/kb.db"
py() { python3 "$here/korea_blackpink.py" "$dir" "$@"; }
"$kchart" ingest --quiet --db "$db" "$dir" 2>"$tmp/warnings" || exit 1
set -- $(py totals)
ok "snapshots" "$(sqlite3 "$db" 'SELECT count(*) FROM snapshot')" "$1"
ok "entries" "$(sqlite3 "$db" 'SELECT count(*) FROM entry')" "$2"
ok "rows dropped (two songs on one rank), one warning per rank" \
    "$(grep -c 'neither is kept' "$tmp/warnings")" "$(($3 / 2))"
ok "songs: one per song of data.json, across platforms" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM song')" \
    "$(python3 -c "import json,sys; print(sum(len(a['songs']) for a in json.load(open(sys.argv[1]))['data']))" "$dir/data.json")"
sqlite3 "$db" "SELECT s.title || '|' || r.chart_id || '|' || r.periods_at_no1 FROM run r
    JOIN song s ON s.id = r.song_id WHERE r.periods_at_no1 > 0" | LC_ALL=C sort >"$tmp/no1.got"
py no1 | LC_ALL=C sort >"$tmp/no1.want"
ok "periods at No. 1, every song on every chart ($(wc -l <"$tmp/no1.want") pairs)" \
    "$(cmp -s "$tmp/no1.got" "$tmp/no1.want" && echo same || diff "$tmp/no1.got" "$tmp/no1.want" | head -5)" same
"$kchart" allkill --db "$db" --load "$root/data/allkill-archive.csv" || exit 1
# Every song's hours and missing hours, from the song query of each.
sqlite3 "$db" 'SELECT id FROM song ORDER BY id' | while read -r id; do
    "$kchart" allkill --db "$db" --kind archive-realtime --format json "$id"
done | python3 -c '
import json, sys
dec = json.JSONDecoder()
text = sys.stdin.read()
i = 0
rows = []
while i < len(text):
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    obj, i = dec.raw_decode(text, i)
    rows += obj if isinstance(obj, list) else obj.get("rows", [])
for r in rows:
    if r["hours"] or r["missing"]:
        print("%s|%d|%s" % (r["title"], r["hours"], r["missing"] or ""))
' | LC_ALL=C sort >"$tmp/ak.got"
py allkill | LC_ALL=C sort >"$tmp/ak.want"
ok "All-Kill hours on the three real-time charts ($(wc -l <"$tmp/ak.want") songs)" \
    "$(cmp -s "$tmp/ak.got" "$tmp/ak.want" && echo same || diff "$tmp/ak.got" "$tmp/ak.want" | head -5)" same
ok "How You Like That: 132 real-time all-kill hours" \
    "$(grep '^How You Like That|' "$tmp/ak.want" | cut -d'|' -f2)" 132
"$kchart" allkill --db "$db" --limit 0 --format csv >"$tmp/ak.before"
"$kchart" news --db "$db" --limit 0 --format csv >"$tmp/news.before"
"$kchart" rebuild --db "$db" >/dev/null || exit 1
"$kchart" allkill --db "$db" --limit 0 --format csv >"$tmp/ak.after"
"$kchart" news --db "$db" --limit 0 --format csv >"$tmp/news.after"
ok "All-Kills and news after rebuild equal those of the ingest" \
    "$(cmp -s "$tmp/ak.before" "$tmp/ak.after" && cmp -s "$tmp/news.before" "$tmp/news.after" && echo same)" same
ok_min "... news events" "$(wc -l <"$tmp/news.after")" 300
# What the store holds of a whole chart, as a record's answer says it:
# read from the chart's summed row (chart_cover, coverage-whole.sql) with
# no --at, from its every period with one after the last; the same words.
n=0 differ=
for c in $(sqlite3 "$db" 'SELECT DISTINCT chart_id FROM snapshot ORDER BY 1'); do
    a=$("$kchart" records --db "$db" --chart "$c" --measure periods --limit 1 | head -1)
    b=$("$kchart" records --db "$db" --chart "$c" --measure periods --limit 1 \
        --at 2100-01-01 | head -1)
    n=$((n + 1))
    [ "$a" = "$b" ] || differ="$differ $c"
    echo "$a" >>"$tmp/cover.txt"
done
ok "a whole chart's coverage from its row is its periods' ($n charts)" "${differ:-none}" none
ok_grep "... the Melon real-time's held in part" \
    "This archive holds the Melon real-time from 2018-01-01T00 (only some of its songs, 17,195 hours missing)" \
    "$tmp/cover.txt"
# Records with a threshold read only the songs that met them (records.c,
# cross_find): these songs chart on many of the store's charts, so each
# one's crossing is read from the chart's periods, not all its entries. As
# of a day after the last period every entry is read: the same answers.
n=0 differ=
for c in melon-realtime melon-daily circle-digital-weekly; do
    for m in periods peak; do
        for t in 1 100; do
            for mode in first most; do
                records_as_whole $c:$m:$t:$mode --db "$db" --chart $c --measure $m \
                    --at-least $t --$mode --limit 20
            done
        done
    done
done
ok "records with a threshold: the crossings read are every song's ($n answers)" \
    "${differ:-none}" none
again=$("$kchart" ingest --db "$db" "$dir" 2>/dev/null)
ok "ingested again: nothing changes" "$again" \
    "410 files: 0 snapshots stored (0 entries), $(sqlite3 "$db" 'SELECT count(*) FROM snapshot') unchanged, 0 failed; $3 rows dropped (two songs claimed one rank)"
finish
