#!/bin/sh
# Names in any script: the Korean services write "뚜두뚜두 (DDU-DU DDU-DU)"
# where Billboard and Spotify write "DDU-DU DDU-DU", and "Ice Cream (with
# Selena Gomez)" by BLACKPINK where the Hot 100 has "Ice Cream" by
# "BLACKPINK X Selena Gomez": one song each, in whichever order the charts
# arrive, unless provider ids say otherwise. The Hot 100 and Melon rows are
# real (the billboard-hot100 archive; the korea-blackpink archive's Melon
# daily series, with its song ids); the rows of scripts-ids.csv are made up
# for the cases they show (the Spotify ids and the ranks are stand-ins).
set -u
. "$(dirname "$0")/../lib.sh"
sql() { sqlite3 "$KCHART_DB" "$1"; }
for order in "hot100 melon" "melon hot100"; do
    export KCHART_DB="$tmp/scripts-${order% *}.db"
    for f in $order; do
        "$kchart" ingest --quiet "$here/scripts-$f.csv" || exit 1
    done
    ok "$order: 뚜두뚜두 (DDU-DU DDU-DU) and DDU-DU DDU-DU are one song" \
        "$(sql "SELECT group_concat(chart_id, ' ') FROM (SELECT chart_id FROM run
            WHERE song_id IN (SELECT song_id FROM song_alias WHERE alias = '뚜두뚜두')
            ORDER BY chart_id)")" "billboard-hot-100 melon-daily"
    ok "$order: Ice Cream (with Selena Gomez) and Ice Cream are one song" \
        "$(sql "SELECT group_concat(chart_id, ' ') FROM (SELECT chart_id FROM run
            WHERE song_id IN (SELECT song_id FROM song_alias WHERE alias = 'Ice Cream')
            ORDER BY chart_id)")" "billboard-hot-100 melon-daily"
    ok "$order: three songs in all (휘파람 apart)" "$(sql "SELECT count(*) FROM song")" 3
    ok "$order: the other titles are aliases" \
        "$(sql "SELECT group_concat(alias || '=' || match, ' ') FROM (SELECT * FROM song_alias
            ORDER BY alias)")" \
        "DDU-DU DDU-DU=ddu du ddu du Ice Cream=ice cream 뚜두뚜두=뚜두뚜두"
done
export KCHART_DB="$tmp/scripts-ids.db"
"$kchart" ingest --quiet "$here/scripts-ids.csv" || exit 1
song_of() { sql "SELECT e.song_id FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
    WHERE s.chart_id = '$1' AND s.period = '$2' AND e.rank = $3"; }
ok "another Spotify id: 뚜두뚜두 (DDU-DU DDU-DU) is not the DDU-DU DDU-DU of another track" \
    "$([ "$(song_of spotify-kr-daily 2018-06-16 1)" != "$(song_of spotify-kr-daily 2018-06-17 1)" ] && echo apart)" apart
ok "a Melon id does not say otherwise: Melon's 아니길 (Hope Not) is Spotify's Hope Not" \
    "$(song_of melon-daily 2018-06-18 1)" "$(song_of spotify-kr-daily 2018-06-16 2)"
ok "휘파람 (Acoustic Ver.) is a version, not a song called Acoustic Ver." \
    "$([ "$(song_of melon-daily 2018-06-18 2)" != "$(song_of melon-daily 2018-06-18 3)" ] && echo apart)" apart
ok "the remix stays apart" \
    "$(sql "SELECT count(*) FROM song WHERE title LIKE '%Remix%'")" 1
ok "six songs in all" "$(sql "SELECT count(*) FROM song")" 6
finish
