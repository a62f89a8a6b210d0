#!/bin/sh
# Ids that never move, on the whole Billboard Hot 100 archive (bundled in
# data/) with the bundled catalog imported after it: a rebuild keeps the id
# of every entity (the catalog binds first, so a fresh numbering would
# differ) and verify's figures; merging the two entities Billboard counts as
# one run ("White Christmas" credited to Bing Crosby, then from 2023 to Bing
# Crosby With Ken Darby Singers ...; "Rudolph The Red-Nosed Reindeer" by
# Gene Autry, then Gene Autry & The Pinafores) joins their runs, gives what
# a rebuild gives, and splitting the ids merged away gives back every
# entry, run and id.
set -u
. "$(dirname "$0")/common.sh"
dir=$(bundled billboard-hot100 billboard-hot100/date)
export KCHART_DB="$tmp/hot100.db"
"$kchart" ingest --quiet "$dir" || exit 1
"$kchart" catalog import "$root/data/catalog.json" >/dev/null || exit 1
# Every entity's id and matching form (a rebuild shows a catalog song under
# the catalog's spelling, as before), every artist's id and name, and the
# entity of every entry.
ids() { sqlite3 "$KCHART_DB" "SELECT id, match FROM song ORDER BY id;
    SELECT id, name FROM artist ORDER BY id;
    SELECT snapshot_id, rank, song_id FROM entry ORDER BY snapshot_id, rank"; }
derived() { sqlite3 "$KCHART_DB" "SELECT * FROM song ORDER BY id;
    SELECT * FROM entry ORDER BY snapshot_id, rank;
    SELECT * FROM run ORDER BY chart_id, song_id;
    SELECT * FROM song_redirect ORDER BY from_id"; }
id_of() { sqlite3 "$KCHART_DB" "SELECT r.song_id FROM run r JOIN song s ON s.id = r.song_id
    WHERE s.title = '$1' AND s.artist = '$2'"; }
"$kchart" verify --format csv >"$tmp/verify-before.csv" || exit 1
hylt=$(id_of 'How You Like That' BLACKPINK)
ids >"$tmp/before"
"$kchart" rebuild || exit 1
ids >"$tmp/after"
ok_file "rebuild keeps the id of every entity" "$tmp/after" "$tmp/before"
ok "How You Like That keeps its id" "$(id_of 'How You Like That' BLACKPINK)" "$hylt"
"$kchart" verify --format csv >"$tmp/verify-after.csv" || exit 1
ok_file "verify's figures stay" "$tmp/verify-after.csv" "$tmp/verify-before.csv"

derived >"$tmp/unmerged"
wc1=$(id_of 'White Christmas' 'Bing Crosby')
wc2=$(id_of 'White Christmas' 'Bing Crosby With Ken Darby Singers & John Scott Trotter & His Orchestra')
ru1=$(id_of 'Rudolph The Red-Nosed Reindeer' 'Gene Autry')
ru2=$(id_of 'Rudolph The Red-Nosed Reindeer' 'Gene Autry & The Pinafores')
"$kchart" merge "$wc1" "$wc2" || exit 1
"$kchart" merge "$ru1" "$ru2" || exit 1
ok "White Christmas: one run of 35 weeks, as Billboard counts it" \
    "$(sqlite3 "$KCHART_DB" "SELECT debut_period || ':' || periods FROM run WHERE song_id = $wc1")" \
    "1958-12-22:35"
ok "Rudolph: one run of 33 weeks" \
    "$(sqlite3 "$KCHART_DB" "SELECT debut_period || ':' || periods FROM run WHERE song_id = $ru1")" \
    "2018-12-15:33"
derived >"$tmp/merged"
"$kchart" rebuild || exit 1
derived >"$tmp/rebuilt"
ok_file "merges give what a rebuild gives, ids included" "$tmp/rebuilt" "$tmp/merged"
"$kchart" split "$wc1" "$wc2" || exit 1
"$kchart" split "$ru1" "$ru2" || exit 1
derived >"$tmp/split"
ok_file "merge then split: every entry, run and id as before" "$tmp/split" "$tmp/unmerged"
finish
