#!/bin/sh
# Regions on the whole spotify-weekly-55 archive (55 countries x 113 weeks,
# 1.23M rows, from ../shared/data; skipped when absent): for EVERY song, the
# countries where it reached No. 1 as `kchart regions --leaderboard` gives
# them, against an independent count with the sqlite3 CLI over the raw
# observations.
#
# The independent side reads only what Spotify published (`observation`,
# `snapshot`): for each provider id (the track URL), the countries where a
# row with that id was No. 1. Our songs group provider ids (one song under
# several URLs, joined by title and credit across countries and re-uploads),
# so the two are compared through that grouping: a song's independent count
# is the union of the countries of the URLs of its rows. That union is
# computed here, outside kchart; it equals ours exactly unless a URL's rows
# went to two songs (identity split versions charting together), where the
# union may hold a country of the other song: those few songs are counted
# and bounded. Then the other way round: every raw No. 1 (country, URL) is
# a region of the song holding that URL. A self-test feeds the comparison a
# count with one region dropped, which it must report.
set -u
. "$(dirname "$0")/common.sh"
export LC_ALL=C # sort and join alike
w55_store # the archive ingested once for both tests (common.sh): $w55_db
db=$w55_db
fam=spotify-weekly
# Ours: every song that reached No. 1 somewhere, with its regions.
"$kchart" regions --db "$db" --family $fam --leaderboard --limit 0 --format csv |
    awk -F, 'NR > 1 { print $2 "," $(NF - 2) "," $NF }' | sort >"$tmp/ours.csv"
# Independent: (URL, country) of every raw No. 1; the country from the chart
# id (spotify-<cc>-weekly).
sqlite3 -csv "$db" "SELECT DISTINCT o.provider_id,
        substr(s.chart_id, 9, length(s.chart_id) - 15)
        FROM observation o JOIN snapshot s ON s.id = o.snapshot_id
        WHERE o.rank = 1" | sort >"$tmp/no1_by_url.csv"
# The grouping: which URLs each of our songs' rows carry.
sqlite3 -csv "$db" "SELECT DISTINCT e.song_id, o.provider_id FROM entry e
        JOIN observation o ON o.snapshot_id = e.snapshot_id AND o.rank = e.rank" |
    sort >"$tmp/urls_of_song.csv"
# Per song: the union of its URLs' countries, sorted; '*' marks a song with
# a URL that another song also holds.
awk -F, 'FILENAME == ARGV[1] { c[$1] = c[$1] " " $2; next }
    { songs[$2] = songs[$2] " " $1; if ($2 in c) u[$1] = u[$1] c[$2]; seen[$1] = 1 }
    END {
        for (url in songs) if (split(songs[url], x, " ") > 1)
            for (i in x) shared[x[i]] = 1
        for (s in seen) {
            n = split(u[s], r, " "); delete set; list = ""; k = 0
            for (i = 1; i <= n; i++) if (!(r[i] in set)) { set[r[i]] = 1; k++ }
            m = 0; for (x2 in set) keys[++m] = x2
            for (i = 2; i <= m; i++) { v = keys[i]; j = i - 1
                while (j > 0 && keys[j] > v) { keys[j + 1] = keys[j]; j-- } keys[j + 1] = v }
            for (i = 1; i <= m; i++) list = list (i > 1 ? " " : "") keys[i]
            delete keys
            if (k) print s "," k "," list (s in shared ? ",*" : "")
        }
    }' "$tmp/no1_by_url.csv" "$tmp/urls_of_song.csv" | sort >"$tmp/indep.csv"

# compare OURS INDEP: songs whose count or list differ, as "song ours indep";
# a song marked '*' may have more in INDEP (a country of another song).
compare() {
    join -t, -a1 -a2 -e- -o 0,1.2,1.3,2.2,2.3,2.4 "$1" "$2" |
        awk -F, '$2 == $4 && $3 == $5 { next }
            $6 == "*" && $2 != "-" && $2 <= $4 { print "shared " $1; next }
            { print "differ " $1 " ours=" $2 ":" $3 " indep=" $4 ":" $5 }'
}
compare "$tmp/ours.csv" "$tmp/indep.csv" >"$tmp/diff"
ok "songs at No. 1 somewhere (ours, independent)" \
    "$(wc -l <"$tmp/ours.csv")" "$(wc -l <"$tmp/indep.csv")"
ok "every song's No. 1 countries equal the independent count" \
    "$(grep -c '^differ' "$tmp/diff")" 0
grep '^differ' "$tmp/diff" | head -5
ok_max "songs with a URL of another song, where ours may be fewer" \
    "$(grep -c '^shared' "$tmp/diff")" 3
ok_min "songs checked" "$(wc -l <"$tmp/ours.csv")" 700
# The other way: each raw No. 1 (URL, country) is a region of a song that
# carries the URL, in ours.
awk -F, 'FILENAME == ARGV[1] { n = split($3, r, " "); for (i = 1; i <= n; i++) has[$1 "," r[i]] = 1; next }
    FILENAME == ARGV[2] { songs[$2] = songs[$2] " " $1; next }
    { n = split(songs[$1], s, " "); ok = 0
      for (i = 1; i <= n; i++) if ((s[i] "," $2) in has) ok = 1
      if (!ok) print "missing " $0 }' \
    "$tmp/ours.csv" "$tmp/urls_of_song.csv" "$tmp/no1_by_url.csv" >"$tmp/missing"
ok "every raw No. 1 (URL, country) is a region of its song" "$(wc -l <"$tmp/missing")" 0
ok "raw No. 1s checked" "$(wc -l <"$tmp/no1_by_url.csv")" \
    "$(sqlite3 "$db" "SELECT count(*) FROM (SELECT DISTINCT o.provider_id, s.chart_id
        FROM observation o JOIN snapshot s ON s.id = o.snapshot_id WHERE o.rank = 1)")"
# The comparison can fail: drop one country from the top song's list.
awk -F, 'NR == 1 { sub(/ [a-z][a-z]$/, "", $3); $2 = $2 - 1 } { print }' OFS=, \
    "$tmp/ours.csv" >"$tmp/broken.csv"
ok "self-test: a dropped country is reported" \
    "$(compare "$tmp/broken.csv" "$tmp/indep.csv" | grep -c '^differ')" 1

# The per-song query (a) agrees with the leaderboard (c) on the ten songs with
# the most countries and ten with one.
sort -t, -k2,2nr -k1,1n "$tmp/ours.csv" | head -10 >"$tmp/sample.csv"
awk -F, '$2 == 1' "$tmp/ours.csv" | head -10 >>"$tmp/sample.csv"
bad=0
while IFS=, read -r song n list; do
    got=$("$kchart" regions --db "$db" "$song" --family $fam --format csv |
        awk -F, -v s="$song" '$1 == s { print $(NF - 4) }' | sort | tr '\n' ' ' | sed 's/ $//')
    [ "$got" = "$list" ] || { echo "  song $song: per-song [$got], leaderboard [$list]"; bad=$((bad + 1)); }
done <"$tmp/sample.csv"
ok "per-song regions equal the leaderboard's (20 songs)" "$bad" 0

# One period's ranks (b): the top song's rank in each country on a day of
# its first week at No. 1, against the raw rows of its URLs that week.
top=$(head -1 "$tmp/sample.csv" | cut -d, -f1)
first=$("$kchart" regions --db "$db" "$top" --family $fam --format csv |
    awk -F, -v s="$top" '$1 == s { print $(NF - 2) }' | sort | head -1)
day=$(sqlite3 "$db" "SELECT date('$first', '-3 days')") # a Monday of that week
"$kchart" regions --db "$db" "$top" --family $fam --on "$day" --format csv |
    awk -F, -v s="$top" '$1 == s { print $(NF - 3) "," $NF }' | sort >"$tmp/on_ours.csv"
grep "^$top," "$tmp/urls_of_song.csv" | cut -d, -f2 >"$tmp/top_urls"
sqlite3 -csv "$db" "SELECT substr(s.chart_id, 9, length(s.chart_id) - 15), o.rank,
        o.provider_id FROM observation o JOIN snapshot s ON s.id = o.snapshot_id
        WHERE s.period = '$first'" |
    awk -F, 'FILENAME == ARGV[1] { u[$1] = 1; next } $3 in u { print $1 "," $2 }' \
        "$tmp/top_urls" - | sort >"$tmp/on_raw.csv"
ok "song $top on $day: ranks in every country equal the raw rows of $first" \
    "$(cmp -s "$tmp/on_ours.csv" "$tmp/on_raw.csv" && echo same)" same
ok_min "countries where song $top charted on $first" "$(wc -l <"$tmp/on_ours.csv")" 30

# The news: a song's tenth, twentieth... country at No. 1 (global aside) is
# an event, one per multiple of ten of its count, and the tenth is dated by
# the tenth-earliest of its first weeks at No. 1.
"$kchart" regions --db "$db" --family $fam --leaderboard --no-global --limit 0 --format csv |
    awk -F, 'NR > 1 { n += int($(NF - 2) / 10) } END { print n + 0 }' >"$tmp/tens"
"$kchart" news --db "$db" --limit 0 --format csv | grep -c '^regions,' >"$tmp/news_tens"
ok "news: one event per tenth country at No. 1" "$(cat "$tmp/news_tens")" "$(cat "$tmp/tens")"
ok_min "... of them" "$(cat "$tmp/tens")" 40
senorita=$("$kchart" news --db "$db" --limit 0 --format csv |
    grep '^regions,.*Señorita.*its 30th region' | cut -d, -f3)
ok "Señorita's 30th country at No. 1 is dated by its 30th first week there" "$senorita" \
    "$("$kchart" regions --db "$db" "señorita shawn" --family $fam --no-global --format csv |
        awk -F, 'NR > 1 { print $(NF - 2) }' | sort | sed -n 30p)"

# Time of the two queries on this store (information).
t0=$(date +%s.%N)
"$kchart" regions --db "$db" "$top" --family $fam >/dev/null
t1=$(date +%s.%N)
"$kchart" regions --db "$db" --family $fam --leaderboard --limit 0 >/dev/null
t2=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v c="$t2" \
    'BEGIN { printf "info: per-song query %.3f s, whole leaderboard %.3f s\n", b - a, c - b }'
finish
