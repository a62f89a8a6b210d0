#!/bin/sh
# The search's tables brought up to the store from what the writes touched
# (search_touch, search_credit: schema step 21) are the tables the whole
# comparison gives, after every kind of write: ingests, a day before the
# others (a backfill), a merge and a split, a file forgotten, the
# catalog's artists and aliases, names changed and taken away behind
# kchart's back, a rebuild. After each, a search brings the store up to
# date from its queue; a copy of the store asked for the whole comparison
# ('whole' in search_touch) must hold the same names, words, places and
# credits, and the queue is empty after either.
# Usage: touch.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 not found"
export KCHART_DB="$tmp/t.db"
sql() { sqlite3 "$KCHART_DB" "$1"; }
fx=$root/tests/fixtures
id=$root/tests/identity

# dump DB: the search's tables as the search reads them, ids of names aside.
dump() {
    sqlite3 "$1" "SELECT 'name', src, ref, via, name, match FROM search_name ORDER BY 2, 3, 4, 5;
        SELECT 'words', rowid, words FROM song_word ORDER BY 2;
        SELECT 'place', song_id, peak, periods, charts FROM song_rank ORDER BY 2;
        SELECT 'credit', g.artist, g.credit, g.songs, w.credit FROM credit_group g
            LEFT JOIN credit_word w ON w.rowid = g.id ORDER BY 2, 3;
        SELECT 'credit words', count(*) FROM credit_word;
        SELECT 'trigrams', count(*) FROM search_fts WHERE search_fts MATCH 'love';
        SELECT 'queued', (SELECT count(*) FROM search_touch) + (SELECT count(*) FROM search_credit)"
}
# check NAME: a search brings the store up to date from its queue; the
# whole comparison on a copy gives the same tables.
check() {
    "$kchart" search --format csv love >/dev/null || failed "$1: the search"
    dump "$KCHART_DB" >"$tmp/touched.txt"
    cp "$KCHART_DB" "$tmp/whole.db"
    rm -f "$tmp/whole.db-wal" "$tmp/whole.db-shm"
    sqlite3 "$tmp/whole.db" "INSERT INTO search_touch (src, ref) VALUES ('whole', 0)"
    "$kchart" search --db "$tmp/whole.db" --format csv love >/dev/null ||
        failed "$1: the search of the whole"
    dump "$tmp/whole.db" >"$tmp/whole.txt"
    ok_file "$1: the tables from the writes' queue are the whole comparison's" \
        "$tmp/touched.txt" "$tmp/whole.txt"
    ok "$1: the queue emptied" "$(tail -n 1 "$tmp/touched.txt")" "queued|0"
    ok "$1: the trigrams whole" \
        "$(sql "INSERT INTO search_fts (search_fts) VALUES ('integrity-check')" 2>&1 &&
            sql "INSERT INTO song_word (song_word) VALUES ('integrity-check')" 2>&1 &&
            sql "INSERT INTO credit_word (credit_word) VALUES ('integrity-check')" 2>&1 &&
            echo whole)" whole
}

"$kchart" ingest --quiet "$fx/billboard/1973-05-05.json" "$fx/billboard/1973-05-19.json" \
    "$id/scripts-hot100.csv" "$id/scripts-melon.csv" || exit 1
check "an ingest"
"$kchart" ingest --quiet "$fx/billboard/1973-05-12.json" || exit 1
check "a backfill"
"$kchart" ingest --quiet "$fx/spotify/regional-pk-daily-2025-12-02.csv" || exit 1
"$kchart" ingest --quiet "$fx/spotify/regional-pk-daily-2025-12-01.csv" || exit 1
check "another chart, a day before"
"$kchart" ingest --quiet "$id/dial-drunk.csv" || exit 1
a=$(sql "SELECT min(id) FROM song WHERE title = 'Dial Drunk'")
b=$(sql "SELECT max(id) FROM song WHERE title = 'Dial Drunk'")
"$kchart" merge "$a" "$b" >/dev/null || exit 1
check "a merge"
"$kchart" split "$a" "$b" >/dev/null || exit 1
check "a split"
"$kchart" forget "$fx/billboard/1973-05-12.json" >/dev/null || exit 1
check "a forget"
"$kchart" catalog import "$root/data/catalog.json" >/dev/null || exit 1
check "the catalog"
sql "DELETE FROM artist_alias WHERE alias IN (SELECT alias FROM artist_alias LIMIT 3)" ||
    failed "aliases taken away"
sql "UPDATE artist SET name = name || ' (renamed)', match = match || ' renamed'
    WHERE id = (SELECT min(id) FROM artist)"
sql "UPDATE song SET title = 'Renamed Behind Its Back', artist = 'Someone Else',
    match = 'renamed behind its back|someone else' WHERE id = (SELECT max(id) FROM song)"
sql "INSERT INTO song_alias (song_id, alias, match) SELECT min(id), 'Another Name',
    'another name' FROM song"
check "names changed behind kchart's back"
gone=$(sql "SELECT max(id) FROM song s WHERE NOT EXISTS (SELECT 1 FROM entry e
    WHERE e.song_id = s.id)")
sql "PRAGMA foreign_keys = ON; UPDATE catalog_song SET song_id = NULL WHERE song_id = $gone;
    DELETE FROM song WHERE id = $gone" || failed "a song taken away"
ok "a song taken away behind kchart's back: gone" \
    "$(sql "SELECT count(*) FROM song WHERE id = $gone")" 0
check "a song taken away behind kchart's back"
"$kchart" rebuild >/dev/null || exit 1
check "a rebuild"
finish
