#!/bin/sh
# Identity corrections: `merge` and `split` change the runs at once, are
# recorded, and `rebuild` replays them. Data: "Dial Drunk" on the Hot 100,
# 2023-07-29 to 08-12 (the billboard-hot100 archive), without Billboard's
# counters, so the credit change to "With Post Malone" starts a new song
# until a user merges them.
set -u
. "$(dirname "$0")/../lib.sh"
export KCHART_DB="$tmp/id.db"
runs() { sqlite3 "$KCHART_DB" "SELECT group_concat(periods || '@' || debut_period, ' ')
    FROM (SELECT * FROM run ORDER BY debut_period)"; }
song_of() { sqlite3 "$KCHART_DB" "SELECT song_id FROM entry e JOIN snapshot s
    ON s.id = e.snapshot_id WHERE s.period = '$1'"; }

"$kchart" ingest --quiet "$here/dial-drunk.csv" || exit 1
ok "two songs before any rule" "$(runs)" "1@2023-07-29 2@2023-08-05"
"$kchart" merge "$(song_of 2023-07-29)" "$(song_of 2023-08-05)" || exit 1
ok "merged: one run of three weeks" "$(runs)" "3@2023-07-29"
"$kchart" rebuild || exit 1
ok "rebuild replays the merge" "$(runs)" "3@2023-07-29"
"$kchart" split "$(song_of 2023-08-12)" "t:dial drunk|kahan malone noah post" || exit 1
ok "split: the Post Malone credit apart again" "$(runs)" "1@2023-07-29 2@2023-08-05"
"$kchart" rebuild || exit 1
ok "rebuild replays merge then split" "$(runs)" "1@2023-07-29 2@2023-08-05"
"$kchart" split "$(song_of 2023-08-12)" "t:no such key" 2>/dev/null
ok "split with a key the song lacks: not found" "$?" 3
"$kchart" merge 1 1 2>/dev/null
ok "merge into itself: bad usage" "$?" 2
# A song new on one chart may be known from another: one Spotify URI debuting
# on two charts the same day is one song. Titles of symbols only stay apart.
export KCHART_DB="$tmp/cross.db"
"$kchart" ingest --quiet "$here/cross-chart.csv" || exit 1
ok "one URI on two charts is one song" \
    "$(sqlite3 "$KCHART_DB" "SELECT count(DISTINCT song_id) FROM entry e JOIN snapshot s
        ON s.id = e.snapshot_id WHERE s.chart_id LIKE 'spotify-%'")" 1
ok "÷ and × by Ed Sheeran are two albums" \
    "$(sqlite3 "$KCHART_DB" "SELECT count(DISTINCT song_id) FROM entry e JOIN snapshot s
        ON s.id = e.snapshot_id WHERE s.chart_id = 'billboard-200'")" 2
finish
