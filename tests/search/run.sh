#!/bin/sh
# The search index (search_name, search_fts; schema step 9) follows the
# store whoever writes it: a search after an import, a rebuild, a name
# taken away or renamed behind kchart's back finds what the store holds,
# and the FTS5 index stays whole. Data: the names in any script fixtures
# (tests/identity) and the bundled catalog.
set -u
. "$(dirname "$0")/../lib.sh"
export KCHART_DB="$tmp/search.db"
sql() { sqlite3 "$KCHART_DB" "$1"; }
names() { "$kchart" search --format csv "$1" | tail -n +2 | cut -d, -f1,3,4 | tr '\n' ' '; }
"$kchart" ingest --quiet "$root/tests/identity/scripts-hot100.csv" \
    "$root/tests/identity/scripts-melon.csv" || exit 1
ok "뚜두뚜두: the song, by its alias" "$(names 뚜두뚜두)" "song,DDU-DU DDU-DU,뚜두뚜두 "
ok "ddu-du (punctuation, case): the song by its title" "$(names ddu-du)" "song,DDU-DU DDU-DU, "
ok "no artist before the catalog" "$(names 블랙핑크)" ""
"$kchart" catalog import "$root/data/catalog.json" >/dev/null || exit 1
ok "블랙핑크 after the import" "$(names 블랙핑크)" "artist,BLACKPINK,블랙핑크 "
ok "뷔: one syllable, whole" "$(names 뷔)" "artist,V,뷔 "
ok "블랙: a prefix of two syllables" "$(names 블랙)" "artist,BLACKPINK,블랙핑크 "
err=$("$kchart" search "  " 2>&1)
ok "an empty query is refused (exit 1)" "$err $?" \
    'kchart: "  " has no letter or digit to search for 1'
sql "DELETE FROM artist_alias WHERE alias = '블랙핑크'"
ok "an alias taken away is not found" "$(names 블랙핑크)" ""
sql "UPDATE artist SET name = 'V (BTS)', match = 'v bts' WHERE name = 'V'"
ok "a renamed artist is found by its new name" "$(names 'v bts')" "artist,V (BTS), "
"$kchart" rebuild >/dev/null || exit 1
ok "after a rebuild (new ids): the song again" "$(names 뚜두뚜두)" "song,DDU-DU DDU-DU,뚜두뚜두 "
ok "one title row a song, no stale name" \
    "$(sql "SELECT count(*) FROM search_name n WHERE n.src = 'song' AND NOT EXISTS
        (SELECT 1 FROM song s WHERE s.id = n.ref)") $(sql "SELECT count(*) - count(DISTINCT ref)
        FROM search_name WHERE src = 'song' AND via = 'title'")" "0 0"
ok "the FTS5 index is whole" \
    "$(sql "INSERT INTO search_fts (search_fts) VALUES ('integrity-check')" 2>&1 && echo whole)" whole
finish
