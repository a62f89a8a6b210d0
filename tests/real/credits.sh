#!/bin/sh
# Credits parsed into artists on the whole Billboard Hot 100 archive, with no
# catalog (docs/entities.md): 30 credits of the archive and the artists and
# roles they must give; BTS's six No. 1s; Jung Kook's "Seven" with Latto
# featured; "Wind" an artist none of Earth, Wind & Fire's songs is credited
# to; the same credits after an ingest in another order and after a rebuild,
# with the artists' ids kept.
set -u
. "$(dirname "$0")/common.sh"
need_data billboard-hot100
dir=$data/billboard-hot100/date
db="$tmp/hot100.db"
"$kchart" ingest --quiet --db "$db" "$dir" || exit 1

# credited CREDIT: the artists of the first entity credited so, in credit
# order, as role:name separated by " | ".
credited() {
    q=$(printf %s "$1" | sed "s/'/''/g")
    sqlite3 "$db" "SELECT group_concat(x, ' | ') FROM (SELECT sa.role || ':' || a.name AS x
        FROM song_artist sa JOIN artist a ON a.id = sa.artist_id
        WHERE sa.song_id = (SELECT min(id) FROM song WHERE artist = '$q') ORDER BY sa.pos)"
}
while IFS='	' read -r credit want; do
    ok "credit: $credit" "$(credited "$credit")" "$want"
done <<'CASES'
BTS	lead:BTS
Coldplay x BTS	lead:Coldplay | lead:BTS
Steve Aoki Featuring BTS	lead:Steve Aoki | featured:BTS
Jung Kook Featuring Latto	lead:Jung Kook | featured:Latto
Jung Kook & Jack Harlow	lead:Jung Kook | lead:Jack Harlow
The Kid LAROI, Jung Kook & Central Cee	lead:The Kid LAROI | lead:Jung Kook | lead:Central Cee
Charlie Puth Featuring Jung Kook	lead:Charlie Puth | featured:Jung Kook
Earth, Wind & Fire	lead:Earth, Wind & Fire
Earth, Wind & Fire With The Emotions	lead:Earth, Wind & Fire | featured:The Emotions
Wind	lead:Wind
Simon & Garfunkel	lead:Simon & Garfunkel
Tyler, The Creator	lead:Tyler, The Creator
Tyler, The Creator Featuring GloRilla, Sexyy Red & Lil Wayne	lead:Tyler, The Creator | featured:GloRilla | featured:Sexyy Red | featured:Lil' Wayne
Crosby, Stills, Nash & Young	lead:Crosby, Stills, Nash & Young
Crosby, Stills & Nash	lead:Crosby, Stills & Nash
Lisa Lisa And Cult Jam	lead:Lisa Lisa And Cult Jam
Lisa Lisa And Cult Jam With Full Force	lead:Lisa Lisa And Cult Jam | featured:Full Force
Daryl Hall John Oates	lead:Daryl Hall John Oates
Lil Nas X Featuring Billy Ray Cyrus	lead:Lil Nas X | featured:Billy Ray Cyrus
Mumford & Sons	lead:Mumford & Sons
Ella Langley & Morgan Wallen	lead:Ella Langley | lead:Morgan Wallen
David Crosby/Graham Nash	lead:David Crosby | lead:Graham Nash
Cole Swindell / Lainey Wilson	lead:Cole Swindell | lead:Lainey Wilson
The Miracles (featuring Bill "Smokey" Robinson)	lead:The Miracles | featured:Bill "Smokey" Robinson
Chubby Checker (with Dee Dee Sharp)	lead:Chubby Checker | featured:Dee Dee Sharp
Dolly Parton (Duet With Kenny Rogers)	lead:Dolly Parton | lead:Kenny Rogers
Peaches & Herb	lead:Peaches & Herb
Kool & The Gang	lead:Kool & The Gang
Paul Anka with Odia Coates	lead:Paul Anka | featured:Odia Coates
Kendrick Lamar & SZA	lead:Kendrick Lamar | lead:SZA
CASES

# BTS's No. 1s: exactly the six credited to BTS, "My Universe" among them.
"$kchart" artist BTS --db "$db" --format csv >"$tmp/bts.csv" || exit 1
ok "kchart artist BTS: its No. 1s" \
    "$(awk -F, 'NR > 1 && $0 == "" { exit } NR > 1 && $NF > 0 { print $5 }' "$tmp/bts.csv" | paste -sd'|')" \
    "Dynamite|Life Goes On|Butter|Permission To Dance|My Universe|Swim"
ok "kchart artist BTS: the header" "$(head -1 "$tmp/bts.csv")" \
    "artist,role,kind,id,title,credit,chart,debut,peak,periods,no1"
"$kchart" artist "jung kook" --db "$db" --format csv >"$tmp/jk.csv" || exit 1
ok "Jung Kook's No. 1: Seven, with Latto featured" \
    "$(awk -F, 'NR > 1 && $0 == "" { exit } NR > 1 && $NF > 0 { print $2 ":" $5 ":" $6 }' "$tmp/jk.csv")" \
    "lead:Seven:Jung Kook Featuring Latto"
"$kchart" artist Latto --db "$db" --format csv | grep -q '^Latto,featured,song,[0-9]*,Seven,' ||
    failed "Latto is featured on Seven"
"$kchart" artist Wind --db "$db" --format csv >"$tmp/wind.csv" || exit 1
ok "Wind: Make Believe (1969) only" \
    "$(awk -F, 'NR > 1 && $0 == "" { exit } NR > 1 { print $5 ":" $8 }' "$tmp/wind.csv")" \
    "Make Believe:1969-09-06"
ok "no song of Earth, Wind & Fire is credited to Wind" \
    "$(sqlite3 "$db" "SELECT count(*) FROM song_artist sa JOIN artist a ON a.id = sa.artist_id
        JOIN song s ON s.id = sa.song_id WHERE a.name = 'Wind' AND s.artist LIKE '%Earth%'")" 0
ok "Earth, Wind & Fire: one artist with its songs" \
    "$("$kchart" artist "earth, wind & fire" --db "$db" --format csv | awk -F, 'NR > 1 && $0 == "" { exit } NR > 1' | wc -l | tr -d ' ')" 31
# records --artist knows the same artists: a credit's, with no catalog.
"$kchart" records --db "$db" --chart billboard-hot-100 --measure no1 --artist "Taylor Swift" \
    --format csv >"$tmp/ts.csv" 2>&1 || failed "records --artist Taylor Swift: $(cat "$tmp/ts.csv")"
ok "records --artist: Taylor Swift's most weeks at No. 1" \
    "$(awk -F, 'NR == 2 { print $2 ":" $4 }' "$tmp/ts.csv")" "The Fate Of Ophelia:10"
ok "records --artist BTS --credit lead: six songs with a week at No. 1" \
    "$("$kchart" records --db "$db" --chart billboard-hot-100 --measure no1 --artist BTS \
        --credit lead --at-least 1 --only --format csv | tail -n +2 | wc -l | tr -d ' ')" 6
"$kchart" artist "Nobody Atall" --db "$db" >/dev/null 2>&1
ok "an unknown artist exits 3" "$?" 3

# The credits of a store do not depend on the order its files came in:
# "Coldplay x BTS" alone first is one name, cut once a later chart credits
# Coldplay alone; a rebuild derives them again and keeps every artist's id.
canon() { # canon DB
    sqlite3 "$1" "SELECT s.title, s.artist, a.name, sa.role, sa.pos FROM song_artist sa
        JOIN song s ON s.id = sa.song_id JOIN artist a ON a.id = sa.artist_id ORDER BY 1, 2, 5"
}
mkdir "$tmp/later" || exit 1
for f in "$dir"/202[1-9]-*.json; do
    [ "$(basename "$f")" \> 2021-10-09.json ] && ln -s "$f" "$tmp/later/"
done
"$kchart" ingest --quiet --db "$tmp/twice.db" "$dir/2021-10-09.json" || exit 1
ok "Coldplay x BTS alone: one name" \
    "$(sqlite3 "$tmp/twice.db" "SELECT count(*) FROM artist WHERE name = 'Coldplay x BTS'")" 1
"$kchart" ingest --quiet --db "$tmp/twice.db" "$tmp/later" || exit 1
ln -s "$dir/2021-10-09.json" "$tmp/later/" || exit 1
"$kchart" ingest --quiet --db "$tmp/once.db" "$tmp/later" || exit 1
canon "$tmp/once.db" >"$tmp/once.txt"
canon "$tmp/twice.db" >"$tmp/twice.txt"
ok "credits after two ingests equal one ingest's" \
    "$(cmp -s "$tmp/once.txt" "$tmp/twice.txt" && echo same)" same
ok "Coldplay x BTS cut once Coldplay is a sole credit" \
    "$(sqlite3 "$tmp/twice.db" "SELECT group_concat(name, ' | ') FROM (SELECT a.name
        FROM song_artist sa JOIN artist a ON a.id = sa.artist_id JOIN song s ON s.id = sa.song_id
        WHERE s.artist = 'Coldplay x BTS' ORDER BY sa.pos)")" "Coldplay | BTS"
canon "$db" >"$tmp/inorder.txt"
sqlite3 "$db" "SELECT id, name FROM artist ORDER BY id" >"$tmp/artists-before.txt"
"$kchart" rebuild --db "$db" || exit 1
sqlite3 "$db" "SELECT id, name FROM artist ORDER BY id" >"$tmp/artists-after.txt"
canon "$db" >"$tmp/rebuilt.txt"
ok "rebuild keeps the artists and their ids" "$(cmp -s "$tmp/artists-before.txt" "$tmp/artists-after.txt" && echo same)" same
ok "rebuild derives the same credits" "$(cmp -s "$tmp/inorder.txt" "$tmp/rebuilt.txt" && echo same)" same
finish
