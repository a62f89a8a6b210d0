#!/bin/sh
# MusicBrainz's JSON as the catalog's source (docs/entities.md "MusicBrainz"),
# through the real CLI: the web service's responses of ../shared/data/
# musicbrainz (when there) and the BTS and BLACKPINK fixture of
# tests/fixtures/musicbrainz give artists with their aliases in every script,
# members with their dates, release kinds from release-group types, markets
# by rules the user can replace; a chart row carrying a known ISRC or MBID as
# its provider id joins its song, in either order of import and after a
# rebuild; the catalog's facts win over MusicBrainz's, with a warning;
# importing twice changes nothing.
#
# Usage: run.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"

fixture=$root/tests/fixtures/musicbrainz
real=${KCHART_DATA:-$root/../shared/data}/musicbrainz
q() { sqlite3 -separator , "$db" "$1"; }

# ---- the fixture alone ------------------------------------------------------
db=$tmp/fixture.db
out=$("$kchart" catalog import --db "$db" "$fixture"/*.json "$fixture"/*.jsonl 2>"$tmp/err")
# The built-in market rules are the store's from its making, not the
# import's (they stayed when a MusicBrainz file was forgotten): not counted.
ok "fixture: imported" "$out" "5 files: 196 changes"
ok "fixture: the built-in market rules" "$(q "SELECT count(*) FROM market_rule")" "6"
ok "fixture: no warning" "$(cat "$tmp/err")" ""
ok "V: aliases with their locale" \
    "$(q "SELECT alias, coalesce(locale, '') FROM artist_alias
          WHERE artist_id = (SELECT id FROM artist WHERE name = 'V') ORDER BY alias")" \
    "Kim Taehyung,en
김태형,ko
뷔,ko"
ok "Jungkook: aliases" \
    "$(q "SELECT group_concat(alias, '|') FROM (SELECT alias FROM artist_alias
          WHERE artist_id = (SELECT id FROM artist WHERE name = 'Jungkook') ORDER BY alias)")" \
    "Jeon Jungkook|Jung Kook|전정국|정국"
ok "BTS: facts" \
    "$(q "SELECT name, kind, market, origin, type, area, begin, coalesce(end, '') FROM artist
          WHERE mbid = 'a0000000-0000-4000-8000-000000000001'")" \
    "BTS,group,k-pop,musicbrainz,Group,South Korea,2013-06-13,"
ok "BTS: aliases" \
    "$(q "SELECT alias || ':' || coalesce(locale, '') FROM artist_alias
          WHERE artist_id = (SELECT id FROM artist WHERE name = 'BTS') ORDER BY alias")" \
    "Bangtan Boys:en
Bangtan Sonyeondan:
방탄소년단:ko"
members="SELECT g.name, m.name, m.kind, coalesce(m.market, ''), am.since,
          coalesce(am.until, ''), coalesce(am.attributes, '')
          FROM artist_member am JOIN artist g ON g.id = am.group_id
          JOIN artist m ON m.id = am.member_id ORDER BY g.name, m.begin"
ok "members with their dates" "$(q "$members")" \
    "BLACKPINK,JISOO,solo,k-pop,2016-08-08,,original
BLACKPINK,JENNIE,solo,k-pop,2016-08-08,,original
BLACKPINK,ROSÉ,solo,,2016-08-08,,original
BLACKPINK,LISA,solo,,2016-08-08,,original
BTS,Jin,solo,k-pop,2013-06-13,,original
BTS,SUGA,solo,k-pop,2013-06-13,,original
BTS,j-hope,solo,k-pop,2013-06-13,,original
BTS,RM,solo,k-pop,2013-06-13,,original
BTS,Jimin,solo,k-pop,2013-06-13,,original
BTS,V,solo,k-pop,2013-06-13,,original
BTS,Jungkook,solo,k-pop,2013-06-13,,original"
ok "release kinds from release-group types" \
    "$(q "SELECT a.name, r.title, r.kind, r.types, r.released FROM release r
          JOIN artist a ON a.id = r.artist_id ORDER BY a.name, r.released")" \
    "BLACKPINK,SQUARE UP,ep,EP,2018-06-15
BLACKPINK,THE ALBUM,album,Album,2020-10-02
BLACKPINK,BORN PINK,album,Album,2022-09-16
BTS,Map of the Soul: 7,album,Album,2020-02-21
BTS,BE,album,Album,2020-11-20
BTS,Butter,single,Single,2021-05-21
BTS,Proof,album,Album + Compilation,2022-06-10"
credits="SELECT s.title, s.credit, group_concat(a.name || ':' || c.credit, ' ')
          FROM catalog_song s JOIN song_credit c ON c.catalog_song_id = s.id
          JOIN artist a ON a.id = c.artist_id"
ok "recordings: lead and featured" \
    "$(q "$credits WHERE s.title IN ('Seven', 'Ice Cream') GROUP BY s.id ORDER BY s.title")" \
    "Ice Cream,BLACKPINK & Selena Gomez,BLACKPINK:lead Selena Gomez:lead
Seven,Jung Kook feat. Latto,Jungkook:lead Latto:featured"
ok "recordings: ids" \
    "$(q "SELECT i.kind, i.value FROM catalog_song_id i JOIN catalog_song s
          ON s.id = i.catalog_song_id WHERE s.title = 'Dynamite' ORDER BY i.kind")" \
    "isrc,ZZKCF2000001
provider,musicbrainz:recording:c0000000-0000-4000-8000-000000000001"
before=$(dump "$db")
out=$("$kchart" catalog import --db "$db" "$fixture"/*.json "$fixture"/*.jsonl 2>&1)
ok "fixture twice: no change" "$out" "5 files: 0 changes"
ok "fixture twice: the same store" "$(dump "$db")" "$before"

# ---- kinds from types, partial dates -------------------------------------------
# Release groups made up for the mapping (docs/entities.md): secondary types
# Soundtrack and Mixtape/Street decide, others keep the primary type's kind;
# a type kchart has no kind for is said and not stored.
rgs() { # rgs TITLE PRIMARY SECONDARY DATE N: one release group of BTS
    printf '{"id": "b0000000-0000-4000-8000-0000000001%02d", "title": "%s", "primary-type": %s, "secondary-types": [%s], "first-release-date": "%s", "artist-credit": [{"name": "BTS", "joinphrase": "", "artist": {"id": "a0000000-0000-4000-8000-000000000001", "name": "BTS", "sort-name": "BTS", "type": "Group"}}]}\n' \
        "$5" "$1" "$2" "$3" "$4"
}
{
    rgs "An OST" '"Single"' '"Soundtrack"' 2021 1
    rgs "A Mixtape" '"Album"' '"Mixtape/Street"' 2016-02 2
    rgs "A Live Album" '"Album"' '"Live", "Compilation"' 2019-10-29 3
    rgs "A Broadcast" '"Broadcast"' '' 2020-01-01 4
    rgs "No Type" 'null' '' 2020-01-01 5
} >"$tmp/kinds.jsonl"
"$kchart" catalog import --db "$db" "$tmp/kinds.jsonl" >/dev/null 2>"$tmp/err"
ok "kinds: from types" \
    "$(q "SELECT title, kind, types, released, released_utc FROM release
          WHERE mbid LIKE 'b0000000-0000-4000-8000-0000000001%' ORDER BY mbid")" \
    "An OST,ost,Single + Soundtrack,2021,1609459200
A Mixtape,mixtape,Album + Mixtape/Street,2016-02,1454284800
A Live Album,album,Album + Live + Compilation,2019-10-29,1572307200"
ok "kinds: none for Broadcast, nor without a type" "$(sed 's|.*/kinds.jsonl|kinds.jsonl|' "$tmp/err")" \
    "kinds.jsonl:4:1: release group b0000000-0000-4000-8000-000000000104 \"A Broadcast\" not stored: kchart has no release kind for Broadcast
kinds.jsonl:5:1: release group b0000000-0000-4000-8000-000000000105 \"No Type\" not stored: kchart has no release kind for a release group without a primary type"
# The export holds the partial dates, and imports back.
"$kchart" catalog export --db "$db" >"$tmp/export.json"
"$kchart" catalog import --db "$tmp/export.db" "$tmp/export.json" >/dev/null
ok "kinds: the export imports back" \
    "$(sqlite3 -separator , "$tmp/export.db" "SELECT title, kind, released FROM release
       WHERE title IN ('An OST', 'A Mixtape') ORDER BY title")" \
    "A Mixtape,mixtape,2016-02
An OST,ost,2021"

# ---- a chart row with a known ISRC or MBID joins its song -------------------
# Titles and credits in another script, so that only the id can join them.
cat >"$tmp/chart.csv" <<'EOF'
chart,period,rank,title,artist,id
billboard-hot-100,2020-09-05,1,다이너마이트,방탄소년단,ZZKCF2000001
billboard-hot-100,2020-09-05,2,아이스크림,블랙핑크,musicbrainz:recording:c0000000-0000-4000-8000-000000000007
billboard-hot-100,2020-09-05,3,세븐,정국,ZZKCF2300005
EOF
want="1,$(q "SELECT song_id FROM catalog_song WHERE title = 'Dynamite'")
2,$(q "SELECT song_id FROM catalog_song WHERE title = 'Ice Cream'")
3,$(q "SELECT song_id FROM catalog_song WHERE title = 'Seven'")"
rows() { "$kchart" chart billboard-hot-100 --db "$1" --format csv | awk -F, 'NR > 1 { print $1 "," $NF }'; }
"$kchart" ingest --quiet --db "$db" "$tmp/chart.csv" || failed "ingest the chart"
ok "ISRC and MBID join: catalog first" "$(rows "$db")" "$want"
"$kchart" rebuild --db "$db" >/dev/null 2>&1 || failed "rebuild"
ok "ISRC and MBID join: after a rebuild" "$(rows "$db")" "$want"
db2=$tmp/chart-first.db
"$kchart" ingest --quiet --db "$db2" "$tmp/chart.csv" || failed "ingest the chart"
"$kchart" catalog import --db "$db2" "$fixture"/*.json "$fixture"/*.jsonl >/dev/null 2>&1
ok "ISRC and MBID join: chart first" \
    "$(rows "$db2" | while IFS=, read -r rank song; do
        echo "$rank,$(sqlite3 "$db2" "SELECT title FROM catalog_song WHERE song_id = $song")"
    done)" \
    "1,Dynamite
2,Ice Cream
3,Seven"

# ---- market rules -------------------------------------------------------------
ok "markets: the built-in rules" "$("$kchart" catalog markets --db "$db")" \
    "field,value,market
genre,k-pop,k-pop
genre,j-pop,j-pop
genre,c-pop,c-pop
genre,mandopop,c-pop
area,South Korea,k-pop
area,Japan,j-pop"
printf 'field,value,market\narea,South Korea,korean\narea,Thailand,thai\n' >"$tmp/markets.csv"
"$kchart" catalog markets --db "$db" "$tmp/markets.csv" >/dev/null 2>"$tmp/err"
ok "markets: replaced" "$("$kchart" catalog markets --db "$db")" \
    "field,value,market
area,South Korea,korean
area,Thailand,thai"
ok "markets: the artists the rules gave theirs" \
    "$(q "SELECT name, coalesce(market, '') FROM artist WHERE name IN ('BTS', 'LISA', 'ROSÉ', 'Latto') ORDER BY name")" \
    "BTS,korean
LISA,thai
Latto,
ROSÉ,"
ok_grep "markets: each change said" 'warning: artist "BTS": market k-pop -> korean' "$tmp/err"
before=$(dump "$db")
out=$("$kchart" catalog markets --db "$db" "$tmp/markets.csv" 2>&1)
ok "markets: the same rules twice: no change" "$out" "1 file: 0 changes"
ok "markets: the same rules twice: the same store" "$(dump "$db")" "$before"
printf 'field,value,market\narea,South Korea,korean\nlabel,YG,k-pop\n' >"$tmp/bad.csv"
err=$("$kchart" catalog markets --db "$db" "$tmp/bad.csv" 2>&1)
ok "markets: bad file: exit 1" "$?" 1
ok "markets: bad file: where" "$err" \
    "kchart: $tmp/bad.csv:3:1: field must be genre or area, not \"label\""
ok "markets: bad file: nothing stored" "$(dump "$db")" "$before"
printf 'field,value,market\n' >"$tmp/none.csv"
"$kchart" catalog markets --db "$db" "$tmp/none.csv" >/dev/null 2>&1
ok "markets: no rules: the built-in ones" \
    "$(q "SELECT name, coalesce(market, '') FROM artist WHERE name IN ('BTS', 'LISA') ORDER BY name")" \
    "BTS,k-pop
LISA,"

# ---- the catalog first: found by name or alias, and it wins -----------------
db=$tmp/catalog.db
cat >"$tmp/catalog.json" <<'EOF'
{"kchart": "catalog/1",
 "artists": [
  {"name": "BTS", "kind": "solo", "market": "pop", "aliases": ["방탄소년단"]},
  {"name": "Jung Kook", "kind": "solo", "aliases": ["정국", "Jungkook"]}],
 "songs": [
  {"key": "bts/butter", "title": "Butter (Hotter Remix)", "lead": ["BTS"],
   "isrc": ["ZZKCF2100003"]}],
 "releases": [
  {"key": "bts/be", "title": "BE", "kind": "ep", "artist": "BTS",
   "released": "2020-11-20T14:00+09:00"}]}
EOF
"$kchart" catalog import --db "$db" "$tmp/catalog.json" >/dev/null
"$kchart" catalog import --db "$db" "$fixture"/*.json "$fixture"/*.jsonl >/dev/null 2>"$tmp/err"
ok "catalog first: one artist per MBID" \
    "$(q "SELECT name, kind, market, origin FROM artist WHERE mbid IN
          ('a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000011')
          ORDER BY name")" \
    "BTS,solo,pop,catalog
Jung Kook,solo,k-pop,catalog"
ok "catalog first: no second artist" "$(q "SELECT count(*) FROM artist")" 15
ok "catalog first: the release is the catalog's" \
    "$(q "SELECT key, kind, released, types FROM release WHERE title = 'BE'")" \
    "bts/be,ep,2020-11-20T14:00+09:00,Album"
ok "catalog first: the warnings name both" "$(cat "$tmp/err")" \
    "kchart: warning: $fixture/artist-bts.json:1:1: artist \"BTS\": kind solo kept (the catalog's); MusicBrainz's type is Group
kchart: warning: $fixture/artist-bts.json:1:1: artist \"BTS\": market pop kept (the catalog's); MusicBrainz's genres or area give k-pop
kchart: warning: $fixture/recordings.json:54:5: recording c0000000-0000-4000-8000-000000000003: the catalog's song \"Butter (Hotter Remix)\" by BTS kept; MusicBrainz says \"Butter\" by BTS
kchart: warning: $fixture/release-groups.json:26:5: release \"BE\": kind ep kept (the catalog's); MusicBrainz's types are Album"
ok "catalog first: the song found by its ISRC keeps its title, gains the MBID" \
    "$(q "SELECT s.key, s.title, i.value FROM catalog_song s JOIN catalog_song_id i
          ON i.catalog_song_id = s.id WHERE i.kind = 'provider' AND s.key = 'bts/butter'")" \
    "bts/butter,Butter (Hotter Remix),musicbrainz:recording:c0000000-0000-4000-8000-000000000003"

# A name that is two artists of the store: a new artist, said.
cat >"$tmp/two.json" <<'EOF'
{"kchart": "catalog/1", "artists": [{"name": "Lisa", "kind": "solo"},
 {"name": "Lisa Lisa", "kind": "solo", "aliases": ["lisa"]}]}
EOF
printf '%s\n' '{"id": "a0000000-0000-4000-8000-000000000099", "name": "LISA", "sort-name": "LISA", "type": "Person"}' >"$tmp/lisa.json"
db=$tmp/two.db
"$kchart" catalog import --db "$db" "$tmp/two.json" >/dev/null
err=$("$kchart" catalog import --db "$db" "$tmp/lisa.json" 2>&1 >/dev/null)
ok "a name of two artists: said" "$err" \
    "kchart: warning: $tmp/lisa.json:1:56: artist a0000000-0000-4000-8000-000000000099 \"LISA\": its name is more than one artist's: made a new one (give one of them this name)"
ok "a name of two artists: a third" \
    "$(q "SELECT name, coalesce(mbid, '') FROM artist ORDER BY id")" \
    "Lisa,
Lisa Lisa,
LISA,a0000000-0000-4000-8000-000000000099"

# ---- the real responses ---------------------------------------------------------
if [ -d "$real" ]; then
    db=$tmp/real.db
    "$kchart" catalog import --db "$db" "$real"/*.json "$fixture"/*.json \
        "$fixture"/*.jsonl >"$tmp/out" 2>"$tmp/err"
    ok "real: imported" "$?" 0
    ok_grep "real: a release group without a type is said, not stored" \
        'release_no_type.json:.*"Eastbound Silhouette" not stored' "$tmp/err"
    ok "real: artists" \
        "$(q "SELECT name, kind, coalesce(area, ''), coalesce(begin, ''), coalesce(end, '')
              FROM artist WHERE name IN ('Ed Sheeran', 'Serge Gainsbourg', 'Pink Floyd')
              ORDER BY name")" \
        "Ed Sheeran,solo,United Kingdom,1991-02-17,
Pink Floyd,other,,,
Serge Gainsbourg,solo,France,1928-04-02,1991-03-02"
    ok "real: aliases in every script" \
        "$(q "SELECT a.name, l.alias, l.locale FROM artist_alias l JOIN artist a
              ON a.id = l.artist_id WHERE l.locale IN ('ru', 'ja') ORDER BY l.locale")" \
        "クー子,後ろから這いより隊C,ja
Bob Dylan,Боб Дилан,ru"
    ok "real: credited lead and featured" \
        "$(q "$credits WHERE s.title = '1000 Nights' GROUP BY s.id")" \
        "1000 Nights,Ed Sheeran feat. Meek Mill, A Boogie Wit da Hoodie,Ed Sheeran:lead Meek Mill:featured A Boogie Wit da Hoodie:featured"
    ok "real: a release and its release group are one" \
        "$(q "SELECT title, kind, types, released FROM release
              WHERE mbid = 'f5093c06-23e3-404f-aeaa-40f72885ee3a'")" \
        "The Dark Side of the Moon,album,Album,1973-03-24"
    before=$(dump "$db")
    out=$("$kchart" catalog import --db "$db" "$real"/*.json "$fixture"/*.json \
        "$fixture"/*.jsonl 2>/dev/null)
    ok "real twice: no change" "$out" "21 files: 0 changes"
    ok "real twice: the same store" "$(dump "$db")" "$before"
else
    echo "(no $real: the real responses are not checked)"
fi
finish
