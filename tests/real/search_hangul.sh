#!/bin/sh
# Names in any script, on the real archives (both bundled): with the whole
# Hot 100 archive, the korea-blackpink archive and data/catalog.json in one
# store, `kchart search` finds the artists by their Hangul aliases (블랙핑크,
# 뷔, 방탄소년단, 제니), and 뚜두뚜두 finds one song, whose runs are on the
# Melon charts and the Hot 100 (Melon's "뚜두뚜두 (DDU-DU DDU-DU)" is the
# Hot 100's "DDU-DU DDU-DU"); likewise "Ice Cream (with Selena Gomez)" and
# the Hot 100's "Ice Cream" by BLACKPINK X Selena Gomez. The same through
# /api/search's hits.
set -u
. "$(dirname "$0")/common.sh"
hot=$(bundled billboard-hot100 billboard-hot100/date)
kb=$(bundled korea-blackpink korea-blackpink)
export KCHART_DB="$tmp/names.db"
"$kchart" ingest --quiet "$hot" || exit 1
"$kchart" ingest --quiet "$kb" 2>/dev/null || exit 1
"$kchart" catalog import "$root/data/catalog.json" >/dev/null || exit 1
first() { # the first hit of a search: kind,name,alias
    "$kchart" search --format csv "$1" | sed -n 2p | cut -d, -f1,3,4; }
ok "블랙핑크 finds the artist" "$(first 블랙핑크)" "artist,BLACKPINK,블랙핑크"
ok "뷔 (one syllable) finds the artist" "$(first 뷔)" "artist,V,뷔"
ok "방탄소년단 finds the artist" "$(first 방탄소년단)" "artist,BTS,방탄소년단"
ok "제니 (two syllables) finds the artist" "$(first 제니)" "artist,JENNIE,제니"
"$kchart" search --format csv 뚜두뚜두 >"$tmp/ddu.csv" || exit 1
ok "뚜두뚜두: one song of that name (the remix is another)" \
    "$(tail -n +2 "$tmp/ddu.csv" | grep -vc Remix)" 1
id=$(tail -n +2 "$tmp/ddu.csv" | grep -v Remix | cut -d, -f2)
ok "its runs: the Hot 100 and the Melon charts" \
    "$(sqlite3 "$KCHART_DB" "SELECT count(*) FROM run WHERE song_id = '$id' AND
        chart_id = 'billboard-hot-100'") $(sqlite3 "$KCHART_DB" "SELECT count(*) FROM run
        WHERE song_id = '$id' AND chart_id LIKE 'melon-%'")" "1 5"
ok "kchart song ID shows them" \
    "$("$kchart" song --format csv "$id" | cut -d, -f4 | grep -c 'billboard-hot-100\|melon-')" 6
ok "Ice Cream (with Selena Gomez) is the Hot 100's Ice Cream" \
    "$(sqlite3 "$KCHART_DB" "SELECT count(DISTINCT r.song_id) FROM run r JOIN song s
        ON s.id = r.song_id WHERE s.title LIKE 'Ice Cream%' AND s.artist LIKE 'BLACKPINK%'")" 1
# A common word's names are read by walking the songs in the page's order
# (query-names-walk.sql); a search that cannot bring the names up to date
# (another writer holds the store) reads them from their tables instead,
# every name that matches: both must list the same rows. An alias written
# behind the search's back makes the names lag; a writer holding the store
# for 15 s makes each search of the first round (run side by side once it
# holds it) give up bringing them up to date (after KC__BUSY_MS, 5 s).
words="feat love lo you"
for w in $words; do "$kchart" search --format csv --limit 50 "$w" >"$tmp/walk.$w" || exit 1; done
sqlite3 "$KCHART_DB" "INSERT INTO artist_alias (artist_id, alias, match)
    SELECT min(id), 'Zzqx Walk', 'zzqx walk' FROM artist" || exit 1
(printf '.timeout 5000\nBEGIN IMMEDIATE;\n'; sleep 15; printf 'ROLLBACK;\n') | sqlite3 "$KCHART_DB" &
holder=$!
held=
for _ in $(seq 50); do # until the writer holds the store
    sqlite3 "$KCHART_DB" 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null || { held=1; break; }
    sleep 0.1
done
[ -n "$held" ] || failed "the writer did not take the store"
pids=
for w in $words; do
    "$kchart" search --format csv --limit 50 "$w" >"$tmp/full.$w" &
    pids="$pids $!"
done
for p in $pids; do wait "$p" || failed "search while the store was held"; done
wait "$holder"
ok "the names lagged while the store was held (read from their tables)" \
    "$(sqlite3 "$KCHART_DB" "SELECT count(*) FROM search_name WHERE name = 'Zzqx Walk'")" 0
for w in $words; do
    ok "search $w: the walk lists what every name read lists" \
        "$(cmp -s "$tmp/walk.$w" "$tmp/full.$w" && echo same)" same
done
ok "then the names are brought up to date" \
    "$("$kchart" search --format csv zzqx | sed -n 2p | cut -d, -f4)" "Zzqx Walk"
# /api/search's hits are the same rows.

"$kchart" serve --port 0 --threads 2 >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    url=$(grep -o 'http://[^ /]*' "$tmp/serve.out" | head -1)
    [ -n "$url" ] && break
    sleep 0.2
done
for q in 블랙핑크 뷔 뚜두뚜두; do
    got=$(python3 -c "import json,sys,urllib.request,urllib.parse
print(json.dumps(json.load(urllib.request.urlopen(sys.argv[1] + '/api/search?q=' + urllib.parse.quote(sys.argv[2])))['hits'], sort_keys=True))" "$url" "$q")
    want=$("$kchart" search --format json "$q" | python3 -c "import json,sys
print(json.dumps(json.load(sys.stdin)['rows'], sort_keys=True))")
    ok "/api/search?q=$q: the hits are kchart search's" "$got" "$want"
done
kill "$pid"
wait "$pid" 2>/dev/null
finish
