#!/bin/sh
# Catalog, series and milestones end to end, on small histories shaped like
# the real ones (a group, members with solo songs, a duet, a feature, a guest
# with featured members; followers of two members; kworb snapshots whose
# data date lags the file's): the Nth song of an artist to reach a mark by
# credit kind, the fastest to a follower count, sparse observations, the
# lag of kworb's data date, incremental == rebuild == another order, the
# same input twice, unknown subjects; then the real files of ../shared/data
# when they are there.
# Usage: run.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"
ms() { "$kchart" milestones --format csv "$@"; }
row() { ms "$@" | sed -n 2p; }

export KCHART_DB="$tmp/a.db"
"$kchart" catalog import "$here/catalog.json" >/dev/null || exit 1
before=$(dump)
ok "catalog twice: no change" "$("$kchart" catalog import "$here/catalog.json")" "1 file: 0 changes"
ok "catalog twice: store as it was" "$(dump)" "$before"
"$kchart" series import "$here/followers.csv" "$here/streams-1.csv" >/dev/null || exit 1
"$kchart" series import "$here/streams-id.csv" "$here/streams-2.csv" >/dev/null || exit 1
ok "kworb: data dates, not file dates" \
    "$("$kchart" series import "$here/kworb" --artist Ria)" \
    "2 files: 4 values stored, 0 unchanged, 0 subjects made"
ms >"$tmp/incremental.csv"
ok_file "milestones as expected" "$here/expected.csv" "$tmp/incremental.csv"

# The headlines.
ok "Ria's third lead song, second solo song, to 100M" \
    "$(row "Ria Two" --mark 100000000 | cut -d, -f5,11-)" '2024-02-06,"Ria lead #3, Ria solo #2"'
ok "a duet counts as lead, not solo" \
    "$(row "Ria Duet" --mark 100000000 | cut -d, -f11-)" '"Jae lead #1, Ria lead #2"'
ok "a feature counts as featured" \
    "$(row "Guest Song" --mark 100000000 | cut -d, -f11-)" '"Guest lead #1, Guest solo #1, Ria featured #1"'
ok "the group's song is the group's, not its members'" \
    "$(row "Group One" | cut -d, -f11-)" '"Nova lead #1, Nova solo #1"'
ok "fastest to 10M Instagram followers: Jae, in 14 days" \
    "$(ms --source instagram-followers --mark 10000000 | grep ',1,2,$' | cut -d, -f1,5,8)" \
    "Jae,2024-03-15,14"
ok "a crossing after a gap is an interval, flagged" \
    "$(row "Jae One" | cut -d, -f5-7)" "2024-01-29,2024-01-26,sparse"
ok "kworb totals: 200M on the data date 2024-03-02 (summed dailies never reach it)" \
    "$(row "Ria One" --mark 200000000 | cut -d, -f5,8)" "2024-03-02,61"
ok "kworb values are stored under the data date" \
    "$("$kchart" series "kworb:ria one@unknown" --format csv | cut -d, -f4,5,6 | tail -n +2 | tr '\n' ' ')" \
    "2024-03-01,total,190000000 2024-03-01,daily,5000000 2024-03-02,total,201000000 2024-03-02,daily,3000000 "
ok "a song's values by the Title|Credit an import takes (the credit an alias), kworb's too" \
    "$("$kchart" series "Ria One|리아" --source spotify-streams --format csv | cut -d, -f4,5,6 | tail -n +2 | tr '\n' ' ')" \
    "2024-01-10,total,95000000 2024-01-11,total,101000000 2024-03-01,total,190000000 2024-03-01,daily,5000000 2024-03-02,total,201000000 2024-03-02,daily,3000000 "
ok "days since a release at 18:00 KST count from its UTC day" \
    "$(row "Group One" | cut -d, -f5,8,9,10)" "2024-01-09,4,1,6"
ok "an artist by an alias" "$(ms 리아 | wc -l)" "$(ms Ria | wc -l)"

# Detection stores one crossing per song and mark, under one of its
# subjects; a crossing left under another subject of the song (one rebound
# by a later import) is not a second crossing: the query takes the earlier.
cp "$KCHART_DB" "$tmp/dup.db"
all=$(KCHART_DB=$tmp/dup.db ms --open | wc -l)
ok "a second crossing of Group One, under its other subject" \
    "$(sqlite3 "$tmp/dup.db" "INSERT INTO milestone SELECT m.source, m.mark, x.id,
    m.day + 2, m.day + 1 FROM milestone m JOIN subject s ON s.id = m.subject_id
    JOIN subject x ON x.song_id = s.song_id AND x.id <> s.id
    WHERE s.ref = 't:group one|nova'; SELECT changes()")" 1
ok "two subjects of a song crossing a mark: one crossing, the earlier" \
    "$(KCHART_DB=$tmp/dup.db ms "Group One" --open | cut -d, -f4,5,8-)" \
    "$(ms "Group One" --open | cut -d, -f4,5,8-)"
ok "two subjects of a song crossing a mark: counted once" \
    "$(KCHART_DB=$tmp/dup.db ms --open | wc -l)" "$all"
# Subjects bound to no song (as while a rebuild binds them) are each their
# own: they hide no one else's crossings.
sqlite3 "$tmp/dup.db" "INSERT INTO subject (kind, ref, title, credit) VALUES
    ('song', 't:loose one|x', 'Loose One', 'X'), ('song', 't:loose two|x', 'Loose Two', 'X')" ||
    exit 1
ok "subjects bound to no song hide no crossing" \
    "$(KCHART_DB=$tmp/dup.db ms --open | wc -l)" "$all"

# The same input twice adds nothing.
before=$(dump)
ok "same files twice" \
    "$("$kchart" series import "$here/followers.csv" "$here/streams-1.csv" "$here/streams-2.csv" "$here/streams-id.csv" "$here/kworb" --artist Ria)" \
    "6 files: 0 values stored, 29 unchanged, 0 subjects made"
ok "same files twice: store as it was" "$(dump)" "$before"

# A different value for a stored date is refused, nothing stored.
printf 'source,date,subject,value\nspotify-streams,2024-01-11,Ria One|Ria,101000001\n' >"$tmp/conflict.csv"
"$kchart" series import "$tmp/conflict.csv" 2>"$tmp/err"
ok "conflict: exit 1" "$?" 1
ok "conflict: message" "$(cat "$tmp/err")" \
    "kchart: $tmp/conflict.csv:2:40: spotify-streams total 2024-01-11 of Ria One|Ria is already stored as 101000000 (from streams-1.csv), not 101000001"
ok "conflict: store as it was" "$(dump)" "$before"

# Unknown subjects: near matches, unless --create.
printf 'source,date,subject,value\nspotify-streams,2024-03-01,Ria Won|Ria,1\n' >"$tmp/unknown.csv"
"$kchart" series import "$tmp/unknown.csv" 2>"$tmp/err"
ok "unknown song: exit 1" "$?" 1
ok "unknown song: near matches" "$(cat "$tmp/err")" \
    "kchart: $tmp/unknown.csv:2:28: unknown song \"Ria Won|Ria\"; did you mean \"Ria One (Ria)\" or \"Ria Two (Ria)\"? (--create makes it)"
printf 'source,date,subject,value\ninstagram-followers,2024-03-01,Rya,1\n' >"$tmp/unknown.csv"
"$kchart" series import "$tmp/unknown.csv" 2>"$tmp/err"
ok "unknown artist: near matches" "$(cat "$tmp/err")" \
    "kchart: $tmp/unknown.csv:2:32: unknown artist \"Rya\"; did you mean \"Ria\"? (--create makes it)"
ok "unknown: store as it was" "$(dump)" "$before"
ok "--create makes it" "$("$kchart" series import "$tmp/unknown.csv" --create)" \
    "1 file: 1 value stored, 0 unchanged, 1 subject made"

# The news: one event per milestone crossed (the open ones, whose crossing
# the store never saw, are none), each one sentence.
ok "news: one event per milestone crossed" \
    "$("$kchart" news --limit 0 --format csv | grep -c '^milestone,')" \
    "$(ms | tail -n +2 | wc -l)"
ok "news: the sentence of a crossing" \
    "$("$kchart" news --limit 0 --format json | python3 -c '
import json, sys
ev = [e for e in json.load(sys.stdin)["rows"] if e["kind"] == "milestone"]
print(all(e["text"].startswith(e["title"]) and " passed " in e["text"] and
          e["text"].endswith(".") for e in ev) and len(ev) > 0)')" True

# Rebuild equals incremental.
"$kchart" rebuild || exit 1
ms | grep -v '^Rya,' >"$tmp/rebuilt.csv"
ok_file "rebuild == incremental" "$here/expected.csv" "$tmp/rebuilt.csv"

# Another order: the series first (made as they come), the catalog after.
# Aliases are the catalog's: before it, a subject named by one ("리아") is
# someone else, so this order spells names out.
export KCHART_DB="$tmp/b.db"
sed 's/리아/Ria/' "$here/streams-1.csv" >"$tmp/streams-1.csv"
sed 's/리아/Ria/' "$here/followers.csv" >"$tmp/followers.csv"
"$kchart" series import --create --artist Ria "$here/kworb" "$here/streams-2.csv" \
    "$tmp/followers.csv" "$tmp/streams-1.csv" >/dev/null || exit 1
"$kchart" catalog import "$here/catalog.json" >/dev/null || exit 1
"$kchart" series import "$here/streams-id.csv" >/dev/null || exit 1
ms >"$tmp/order.csv"
ok_file "series before the catalog == catalog first" "$here/expected.csv" "$tmp/order.csv"
"$kchart" rebuild || exit 1
ms >"$tmp/order-rebuilt.csv"
ok_file "... and rebuilt" "$here/expected.csv" "$tmp/order-rebuilt.csv"

# The real files, when ../shared/data is there.
data=${KCHART_DATA:-$root/../shared/data}
if [ -d "$data/kworb-totals" ] && [ -f "$data/korea-blackpink/data.json" ]; then
    export KCHART_DB="$tmp/real.db"
    "$kchart" catalog import "$root/data/catalog.json" "$data/korea-blackpink/data.json" >/dev/null || exit 1
    ok "data.json: the song with melon:8304594 is the one with genie:86525644" \
        "$(sqlite3 "$KCHART_DB" "SELECT count(DISTINCT song_id) FROM song_key WHERE key IN ('id:melon:8304594', 'id:genie:86525644')")" 1
    # The Korean charts' rows of a song (its Melon and Genie daily series,
    # main's adapter) land on the catalog's song, whichever comes first.
    mkdir -p "$tmp/kb/backup"
    cp "$data/korea-blackpink/data.json" "$tmp/kb/"
    cp "$data/korea-blackpink/backup/whistle_melon_daily.json" \
        "$data/korea-blackpink/backup/whistle_genie_daily.json" "$tmp/kb/backup/"
    same_song="SELECT (SELECT group_concat(DISTINCT e.song_id) FROM entry e JOIN observation o
        ON o.snapshot_id = e.snapshot_id AND o.rank = e.rank WHERE o.provider_id IN
        ('melon:8304594', 'genie:86525644')) = song_id FROM catalog_song WHERE key = 'BLACKPINK/whistle'"
    "$kchart" ingest --quiet "$tmp/kb" || exit 1
    ok "Melon and Genie rows of Whistle: the catalog's song" "$(sqlite3 "$KCHART_DB" "$same_song")" 1
    KCHART_DB="$tmp/kb.db" "$kchart" ingest --quiet "$tmp/kb" || exit 1
    KCHART_DB="$tmp/kb.db" "$kchart" catalog import "$data/korea-blackpink/data.json" >/dev/null || exit 1
    ok "... the charts first, the catalog after" "$(sqlite3 "$tmp/kb.db" "$same_song")" 1
    KCHART_DB="$tmp/kb.db" "$kchart" rebuild || exit 1
    ok "... and rebuilt" "$(sqlite3 "$tmp/kb.db" "$same_song")" 1
    ok "data.json twice: no change" \
        "$("$kchart" catalog import "$data/korea-blackpink/data.json")" "1 file: 0 changes"
    "$kchart" series import "$data/kworb-totals/history/songs" --artist "The Weeknd" 2>"$tmp/err"
    ok "kworb without --create: unknown songs refused" "$?" 1
    ok "kworb: nothing stored" "$(sqlite3 "$KCHART_DB" "SELECT count(*) FROM point")" 0
    ok "kworb with --create" \
        "$("$kchart" series import "$data/kworb-totals/history/songs" --artist "The Weeknd" --create)" \
        "3 files: 1898 values stored, 0 unchanged, 307 subjects made"
    ok "kworb: dated by spotify_data_date" \
        "$(sqlite3 "$KCHART_DB" "SELECT group_concat(d, ' ') FROM (SELECT DISTINCT date(day * 86400, 'unixepoch') AS d FROM point ORDER BY d)")" \
        "2025-10-02 2025-10-03 2025-10-04"
    ok "Blinding Lights matched to the catalog's song" \
        "$(sqlite3 "$KCHART_DB" "SELECT count(*) FROM subject s JOIN catalog_song c ON c.song_id = s.song_id WHERE c.key = 'the-weeknd/blinding-lights'")" 1
    ok "The Hills: 2.8 billion on 2025-10-04, his fourth lead song there (after Blinding Lights, Starboy, Die For You)" \
        "$(row "the hills" --mark 2800000000 | cut -d, -f5,11-)" '2025-10-04,"The Weeknd lead #4, The Weeknd solo #4"'
    ok "open crossings (past at the first snapshot) only with --open" \
        "$(ms | grep -c ',open,'),$(ms --open "blinding lights" | grep -c ',open,')" "0,34"
    ms >"$tmp/real.csv"
    "$kchart" rebuild || exit 1
    ms >"$tmp/real-rebuilt.csv"
    ok_file "real: rebuild == incremental" "$tmp/real.csv" "$tmp/real-rebuilt.csv"
else
    echo "skipped the real data: $data not found"
fi
finish
