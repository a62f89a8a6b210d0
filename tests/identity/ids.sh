#!/bin/sh
# Ids that never move (docs/entities.md): a rebuild keeps the id of every
# entity, even when the catalog, imported after the charts, binds first; a
# split by a provider id moves the rows carrying it (the title key no longer
# pulls them back); a merge then a split of the id merged away gives back the
# same entries, runs and ids, and a merge undone the store's every row; the
# id merged away answers as the song it went into; a day arriving out of
# order keeps the ids of the songs stored.
# Data: two days of Spotify's Pakistan chart (tests/fixtures/spotify) and
# data/catalog.json; "Haseen" under a second URI on a third day
# (two-uris.csv: the real rows, the third URI made up); "Dial Drunk"
# (dial-drunk.csv, see run.sh).
set -u
. "$(dirname "$0")/../lib.sh"
# Every entity's id, title and credit, every artist's id and name, and the
# entity of every entry.
ids() { sqlite3 "$KCHART_DB" "SELECT id, title, artist FROM song ORDER BY id;
    SELECT id, name FROM artist ORDER BY id;
    SELECT snapshot_id, rank, song_id FROM entry ORDER BY snapshot_id, rank"; }
# What identity derives: songs, entries, runs, redirects.
derived() { sqlite3 "$KCHART_DB" "SELECT * FROM song ORDER BY id;
    SELECT * FROM entry ORDER BY snapshot_id, rank;
    SELECT * FROM run ORDER BY chart_id, song_id;
    SELECT * FROM song_redirect ORDER BY from_id"; }
song_on() { sqlite3 "$KCHART_DB" "SELECT e.song_id FROM entry e JOIN snapshot s
    ON s.id = e.snapshot_id JOIN observation o ON o.snapshot_id = e.snapshot_id
    AND o.rank = e.rank WHERE s.period = '$1' AND o.title = '$2'"; }

export KCHART_DB="$tmp/pk.db"
"$kchart" ingest --quiet "$root/tests/fixtures/spotify" || exit 1
"$kchart" catalog import "$root/data/catalog.json" >/dev/null || exit 1
ids >"$tmp/before"
"$kchart" rebuild || exit 1
ids >"$tmp/after"
ok_file "rebuild keeps every id (catalog imported after the charts)" "$tmp/after" "$tmp/before"
"$kchart" rebuild || exit 1
ids >"$tmp/again"
ok_file "a second rebuild keeps them too" "$tmp/again" "$tmp/before"

# A day arriving before the last one stored derives the chart again from its
# start: the songs keep their ids.
export KCHART_DB="$tmp/backfill.db"
"$kchart" ingest --quiet "$root/tests/fixtures/spotify/regional-pk-daily-2025-12-02.csv" || exit 1
sqlite3 "$KCHART_DB" "SELECT id, title, artist FROM song ORDER BY id" >"$tmp/day2"
"$kchart" ingest --quiet "$root/tests/fixtures/spotify/regional-pk-daily-2025-12-01.csv" || exit 1
sqlite3 "$KCHART_DB" "SELECT s.id, s.title, s.artist FROM song s WHERE EXISTS (SELECT 1
    FROM entry e JOIN snapshot n ON n.id = e.snapshot_id WHERE e.song_id = s.id
    AND n.period = '2025-12-02') ORDER BY s.id" >"$tmp/day2-after"
ok_file "a day arriving out of order: the songs of the later day keep their ids" \
    "$tmp/day2-after" "$tmp/day2"

export KCHART_DB="$tmp/uris.db"
"$kchart" ingest --quiet "$here/two-uris.csv" || exit 1
haseen=$(song_on 2025-12-01 Haseen)
ok "a second URI of the same title and credit is the same song" \
    "$(song_on 2025-12-03 Haseen)" "$haseen"
"$kchart" split "$haseen" id:spotify:track:1aBcDeFgHiJkLmNoPqRsTu || exit 1
moved=$(song_on 2025-12-03 Haseen)
ok "split by a provider id moves the row carrying it" \
    "$([ -n "$moved" ] && [ "$moved" != "$haseen" ] && echo moved)" moved
ok "the rows without it keep the song and its id" \
    "$(song_on 2025-12-01 Haseen) $(song_on 2025-12-02 Haseen)" "$haseen $haseen"
ok "Gal Sun keeps its id" "$(song_on 2025-12-03 'Gal Sun')" "$(song_on 2025-12-01 'Gal Sun')"
derived >"$tmp/split"
"$kchart" rebuild || exit 1
derived >"$tmp/rebuilt"
ok_file "rebuild after the split: the same songs, ids, entries and runs" \
    "$tmp/rebuilt" "$tmp/split"

export KCHART_DB="$tmp/dd.db"
"$kchart" ingest --quiet "$here/dial-drunk.csv" || exit 1
a=$(song_on 2023-07-29 'Dial Drunk')
b=$(song_on 2023-08-05 'Dial Drunk')
derived >"$tmp/unmerged"
"$kchart" merge "$a" "$b" || exit 1
ok "merged: every row is the song kept" \
    "$(song_on 2023-08-05 'Dial Drunk') $(song_on 2023-08-12 'Dial Drunk')" "$a $a"
ok "the id merged away is no song" \
    "$(sqlite3 "$KCHART_DB" "SELECT count(*) FROM song WHERE id = $b")" 0
"$kchart" song "$b" --format csv >"$tmp/song.csv" 2>"$tmp/song.err"
ok "kchart song of the id merged away: exit 0" "$?" 0
ok "... shows the song it went into" "$(cut -d, -f1 "$tmp/song.csv" | sed -n 2p)" "$a"
ok "... and says so" "$(cat "$tmp/song.err")" "kchart: song $b was merged into $a"
"$kchart" merge "$a" "$b" 2>"$tmp/merge.err"
ok "merging it again: not found" "$?" 3
ok "... naming the song it went into" "$(cat "$tmp/merge.err")" \
    "kchart: song $b was merged into $a"
derived >"$tmp/merged"
"$kchart" rebuild || exit 1
derived >"$tmp/merged-rebuilt"
ok_file "rebuild after the merge keeps ids, entries and the redirect" \
    "$tmp/merged-rebuilt" "$tmp/merged"
"$kchart" split "$a" "$b" || exit 1
derived >"$tmp/resplit"
ok_file "merge then split of the id merged away: the same songs, ids, entries, runs" \
    "$tmp/resplit" "$tmp/unmerged"
"$kchart" split "$a" "$b" 2>/dev/null
ok "splitting off an id not merged: not found" "$?" 3
# A merge undone gives back the store as it was: every row of every table
# but the registry of files ingested (merge-undo.csv: Beta, No. 1 on both
# charts while Gamma is No. 2 there; Delta and Zeta one after the other on
# Genie only; Epsilon on Melon only, while Delta is on Genie). The search
# index is built on first read: nothing here reads it. Nor the queue of what
# the writes touched for it (search_touch, search_credit: schema step 21),
# which a merge and its undoing each add to, as any write does.
dump() { sqlite3 "$KCHART_DB" .dump | grep -v '^INSERT INTO ingest_\|^INSERT INTO search_touch\|^INSERT INTO search_credit' | sort; }
title_id() { sqlite3 "$KCHART_DB" "SELECT id FROM song WHERE title = '$1'"; }
export KCHART_DB="$tmp/undo.db"
"$kchart" ingest --quiet "$here/merge-undo.csv" || exit 1
dump >"$tmp/undo-before"
undo() {
    into=$(title_id "$1")
    from=$(title_id "$2")
    "$kchart" merge "$into" "$from" || exit 1
    ok "$3: merged" "$(sqlite3 "$KCHART_DB" "SELECT to_id FROM song_redirect
        WHERE from_id = $from")" "$into"
    "$kchart" split "$into" "$from" || exit 1
    dump >"$tmp/undo-after"
    ok_file "$3: merge undone, the store as before" "$tmp/undo-after" "$tmp/undo-before"
    "$kchart" rebuild || exit 1
    dump >"$tmp/undo-rebuilt"
    ok_file "$3: ... and a rebuild changes nothing" "$tmp/undo-rebuilt" "$tmp/undo-before"
}
undo Gamma Beta "both on both charts, in the same periods"
undo Delta Zeta "both on one chart, in periods of their own"
undo Epsilon Delta "each on a chart of its own"
# A merge undone while the id merged away had another merged into it: that
# one answers as it again (its redirect had followed it to the song kept).
alpha=$(title_id Alpha)
epsilon=$(title_id Epsilon)
zeta=$(title_id Zeta)
dump >"$tmp/undo-first"
"$kchart" merge "$epsilon" "$zeta" || exit 1
dump >"$tmp/undo-before"
"$kchart" merge "$alpha" "$epsilon" || exit 1
# Zeta's merge is not undone before Epsilon's, which moved Zeta's target
# (Epsilon's key) with it: refused, naming the merge to undo, nothing
# changed.
dump >"$tmp/chain-before"
out=$("$kchart" split "$alpha" "$zeta" 2>&1)
ok "a merge of a chain undone before the later one: refused" "$?" 1
ok "... naming the merge to undo first" "$out" "kchart: song $zeta was merged into \
$epsilon, which was merged into $alpha since: undo that merge first (kchart split \
$alpha $epsilon)"
dump >"$tmp/chain-after"
ok_file "... and the store unchanged" "$tmp/chain-after" "$tmp/chain-before"
"$kchart" split "$alpha" "$epsilon" || exit 1
dump >"$tmp/undo-after"
ok_file "an id merged into the id merged away: its redirect as before" "$tmp/undo-after" \
    "$tmp/undo-before"
"$kchart" split "$epsilon" "$zeta" || exit 1
dump >"$tmp/undo-after"
ok_file "... and the chain undone from its end: the store as before both" "$tmp/undo-after" \
    "$tmp/undo-first"
# A crowded chart (merge-crowded.csv: ten made-up songs at random, four a
# period on three charts): while a merge derives, the song kept may be made
# under another id and take its own back; the id merged away answers as the
# song kept all the same, and the undo gives back the store.
export KCHART_DB="$tmp/crowded.db"
"$kchart" ingest --quiet "$here/merge-crowded.csv" || exit 1
dump >"$tmp/undo-before"
"$kchart" merge 1 3 || exit 1
ok "crowded: the id merged away answers as the song kept" \
    "$(sqlite3 "$KCHART_DB" "SELECT to_id FROM song_redirect WHERE from_id = 3")" 1
"$kchart" split 1 3 || exit 1
dump >"$tmp/undo-after"
ok_file "crowded: merge undone, the store as before" "$tmp/undo-after" "$tmp/undo-before"
finish
