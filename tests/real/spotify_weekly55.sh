#!/bin/sh
# Spotify's older export (spotifycharts.com, a note line then
# Position,Track Name,Artist,Streams,URL), 55 countries x 113 weeks, from
# ../shared/data (skipped when absent). It carries no counters of Spotify's,
# so our weeks on chart are checked against an independent recount keyed on
# the track URL (awk), which our identity may only exceed where it joins a
# track across a change of URL.
set -u
. "$(dirname "$0")/common.sh"
w55_store # the archive ingested (common.sh): $w55_db, its messages in $w55_errors
db=$w55_db
ok "the refused files are the 100 saved HTML pages" \
    "$(grep -c "an HTML or XML page, not chart data" "$w55_errors"):$(wc -l <"$w55_errors")" "100:100"
ok "weeks stored (100 files are saved HTML pages)" "$(sqlite3 "$db" "SELECT count(*) FROM snapshot")" 6115
ok "entries stored: every row of every chart file" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM entry')" \
    "$(find "$data/spotify-weekly-55" -name '*.csv' -exec awk 'FNR == 1 && /doctype/ { nextfile }
        FNR > 2 && NF { n++ } END { print n }' {} + | awk '{ s += $1 } END { print s }')"
ok "the week 2019-01-04--2019-01-11 is Spotify's week ending Thursday 2019-01-10" \
    "$(sqlite3 "$db" "SELECT min(period) FROM snapshot WHERE chart_id = 'spotify-us-weekly'")" \
    2019-01-10
# Independent recount: weeks on chart so far per (country, URL).
for cc in $(ls "$data/spotify-weekly-55"); do
    for f in $(ls "$data/spotify-weekly-55/$cc" | sort); do
        awk -F, -v cc="$cc" -v f="$f" 'NR == 1 && /doctype/ { exit }
            NR > 2 && NF { n = split($NF, u, "/"); print cc "," f "," $1 "," u[n] }' \
            "$data/spotify-weekly-55/$cc/$f"
    done
done | awk -F, '{ c[$1 "," $4]++; print $1 "," substr($2, 13, 10) "," $3 "," c[$1 "," $4] }' |
    sort >"$tmp/recount.csv"
# Our periods, keyed the same way (country, the file's <to> date = period + 1).
sqlite3 -csv "$db" "SELECT substr(s.chart_id, 9, length(s.chart_id) - 15),
        date(s.period, '+1 day'), e.rank, e.periods, e.song_id
        FROM entry e JOIN snapshot s ON s.id = e.snapshot_id" | sort >"$tmp/ours.csv"
ok "every entry has its recount" "$(wc -l <"$tmp/recount.csv")" "$(wc -l <"$tmp/ours.csv")"
paste -d, "$tmp/recount.csv" "$tmp/ours.csv" | awk -F, '
    $1 != $5 || $2 != $6 || $3 != $7 { print "misaligned"; next }
    $8 < $4 { print "below" } $8 > $4 { print "above " $9 }' >"$tmp/diff"
ok "recount and ours line up" "$(grep -c misaligned "$tmp/diff")" 0
# Below can only happen where two URLs already joined as one song chart in
# the same week for the first time, and one of them must start a song of its
# own (Spotify keeps versions that chart together apart): 7 entries today.
ok_max "entries below the per-URL recount (a URL split off)" \
    "$(grep -c below "$tmp/diff")" 7
# Where ours are more, the song joined several URLs by title and credit.
sqlite3 "$db" "SELECT song_id FROM song_key WHERE key LIKE 'id:%'
    GROUP BY song_id HAVING count(*) > 1" | sort -u >"$tmp/multi"
awk '$1 == "above" { print $2 }' "$tmp/diff" | sort -u >"$tmp/above"
ok "weeks above the recount belong to songs of several URLs" \
    "$(comm -23 "$tmp/above" "$tmp/multi" | wc -l)" 0
echo "info: $(grep -c above "$tmp/diff") of $(wc -l <"$tmp/ours.csv") entries count weeks of an earlier URL of the same song"
finish
