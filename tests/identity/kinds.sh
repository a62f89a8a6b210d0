#!/bin/sh
# What a chart ranks: the Hot 100 ranks songs, the Billboard 200 albums
# (data/charts.csv), and identity never joins the two. Data
# (albums-and-songs.csv, the generic CSV): "Piano Man" the song on the Hot
# 100, four of its weeks as the billboard-hot100 archive has them; "Piano
# Man" the album (Billy Joel, 1973; No. 27 on the Billboard 200 in 1974) and
# Weezer's two self-titled albums, the Blue Album (1994; No. 16 in early
# 1995) and the Green Album (2001; debuted at No. 4, the chart of
# 2001-06-02), as Wikipedia's articles on each album and Billboard's chart
# history give their peaks and debuts. Only those facts are the albums':
# their other weeks' ranks are stand-ins, as this test is about which entity
# a row is, not about the ranks.
set -u
. "$(dirname "$0")/../lib.sh"
export KCHART_DB="$tmp/kinds.db"
sql() { sqlite3 "$KCHART_DB" "$1"; }
entity() { # chart period rank -> the entity of that entry
    sql "SELECT e.song_id FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
        WHERE s.chart_id = '$1' AND s.period = '$2' AND e.rank = $3"; }

"$kchart" ingest --quiet "$here/albums-and-songs.csv" || exit 1
ok "the registry: the Billboard 200 ranks albums, the Hot 100 songs" \
    "$(sql "SELECT group_concat(id || '=' || ranks, ' ') FROM chart
        WHERE id IN ('billboard-200', 'billboard-hot-100') ORDER BY id")" \
    "billboard-200=album billboard-hot-100=song"
ok "kchart charts shows what a chart ranks" \
    "$("$kchart" charts --format csv | grep "^billboard-200," | awk -F, "{ print \$NF }")" album
ok "no entity has entries on both charts" \
    "$(sql "SELECT count(*) FROM (SELECT e.song_id FROM entry e JOIN snapshot s
        ON s.id = e.snapshot_id GROUP BY e.song_id HAVING count(DISTINCT s.chart_id) > 1)")" 0
song=$(entity billboard-hot-100 1974-04-13 27)
album=$(entity billboard-200 1974-04-13 27)
ok "Piano Man the song and the album are two entities" \
    "$([ -n "$song" ] && [ -n "$album" ] && [ "$song" != "$album" ] && echo two)" two
ok "each entity is of its chart's kind" \
    "$(sql "SELECT kind FROM song WHERE id = $song") $(sql "SELECT kind FROM song WHERE id = $album")" \
    "song album"
ok "the Blue Album and the Green Album (each new at weeks=1) are two albums" \
    "$(sql "SELECT count(DISTINCT e.song_id) FROM entry e JOIN snapshot s
        ON s.id = e.snapshot_id WHERE s.chart_id = 'billboard-200' AND e.song_id IN
        (SELECT id FROM song WHERE title = 'Weezer')")" 2
ok "the album's keys are not the song's" \
    "$(sql "SELECT group_concat(key, ' ') FROM song_key WHERE song_id = $album")" \
    "t:piano man|billy joel|album"
# Albums get runs and pages as songs do.
ok "kchart song ALBUM-ID: the album's run on the Billboard 200" \
    "$("$kchart" song --format csv "$album" | tail -n +2 | cut -d, -f1,4,5)" \
    "$album,billboard-200,1974-04-13"
ok "kchart top on the Billboard 200 lists the album" \
    "$("$kchart" top billboard-200 --format csv --limit 1 | tail -n +2 | cut -d, -f3,5)" \
    "Weezer,30"
ok "kchart records on the Billboard 200: albums, best peak first" \
    "$("$kchart" records --measure peak --chart billboard-200 --format csv | tail -n +2 |
        cut -d, -f2,4 | tr '\n' ' ')" "Weezer,4 Weezer,16 Piano Man,27 "
# A registry file without the ranks column leaves a known chart's as it was,
# and makes a new chart rank songs.
printf '%s\n' 'id,provider,name,region,cadence,timezone,size,period_naming' \
    'billboard-200,billboard,Billboard 200,us,weekly,America/New_York,200,chart date' \
    'test-weekly,test,Test,us,weekly,UTC,10,YYYY-MM-DD' >"$tmp/charts.csv"
"$kchart" charts load "$tmp/charts.csv" || exit 1
ok "charts load without ranks: the Billboard 200 still ranks albums, a new chart songs" \
    "$(sql "SELECT group_concat(id || '=' || ranks, ' ') FROM chart
        WHERE id IN ('billboard-200', 'test-weekly') ORDER BY id")" \
    "billboard-200=album test-weekly=song"
"$kchart" rebuild >/dev/null || exit 1
ok "rebuild: still two entities for Piano Man" \
    "$(sql "SELECT count(DISTINCT song_id) FROM entry")" 4
finish
