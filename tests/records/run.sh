#!/bin/sh
# Records over cohorts (`kchart records`) on a small history shaped like the
# real ones, and cohort ranks of first-week sales (below) (tests/records/gen.py writes it; catalog.json says who is who):
# a K-pop group (Nova) and two members with solo work (Ria, Jae), a pop
# soloist (Kite); b-sides that pass 700M Spotify streams on known days; a
# daily chart they stay on for known numbers of days; followers. Each
# expected answer is worked out from gen.py's schedule, not recorded:
#   700M: Kite Side 2022-05-10 (pop), Nova Side 2022-09-01 (a group),
#   Jae Side 2023-01-20 (231 days after 2022-06-03), Ria Side 2023-02-01
#   (a b-side on its first release, a title on a later single), Duet Side
#   2023-06-30 (two leads), Nova Title 2021-12-01 (a title track);
#   days on spotify-global-daily from 2023-01-01: Nova 500, Ria 445, Kite 420,
#   Duet 410, Jae 300; No. 1: Ria Side 445 days, then Nova Side 55;
#   50M Instagram followers: Kite 31 days, Jae 73, Ria 221 after joining.
# Usage: run.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"
rec() { "$kchart" records "$@"; }
# The answer (the table's title) and the first row's title, value, reached
# and days as CSV fields.
answer() { rec "$@" | head -1; }
first() { rec --format csv "$@" | sed -n 2p | cut -d, -f2,4,5,8; }
col() { f=$1; shift; rec --format csv "$@" | tail -n +2 | cut -d, -f"$f" | tr '\n' ' '; }

export KCHART_DB="$tmp/a.db"
"$kchart" catalog import "$here/catalog.json" >/dev/null || exit 1
"$kchart" series import "$here/series.csv" >/dev/null || exit 1
"$kchart" ingest "$here/chart.csv" >/dev/null || exit 1

S="--measure spotify-streams --at-least 700000000"
ok "first b-side past 700M: a pop song" "$(first $S --first --role b-side)" \
    "Kite Side,700000000,2022-05-10,704"
ok "first K-pop b-side past 700M: a group's" \
    "$(answer $S --first --role b-side --market k-pop)" \
    "Nova Side (Nova) was the first K-pop b-side to reach 700,000,000 Spotify streams, on 2022-09-01 (4 did)."
ok "first K-pop b-side by a soloist" \
    "$(answer $S --first --role b-side --market k-pop --artist-kind solo)" \
    "Jae Side (Jae feat. Kite) was the first K-pop b-side by a soloist to reach 700,000,000 Spotify streams, on 2023-01-20 (3 did)."
ok "the list behind it, in order" \
    "$(col 2 $S --first --role b-side --market k-pop --artist-kind solo)" "Jae Side Ria Side Duet Side "
ok "a role is the one on the first release" "$(col 2 $S --first --role title)" "Nova Title "
ok "fastest K-pop soloist's b-side: 231 days" \
    "$(answer $S --fastest --role b-side --market k-pop --artist-kind solo)" \
    "Jae Side (Jae feat. Kite) was the fastest K-pop b-side by a soloist to reach 700,000,000 Spotify streams, in 231 days (on 2023-01-20)."
ok "days from a release at 18:00 KST count from its UTC day" \
    "$(first $S --first --role b-side --market k-pop --limit 1)" "Nova Side,700000000,2022-09-01,545"
ok "as of a date before any crossing: none" \
    "$(answer $S --first --role b-side --market k-pop --artist-kind solo --at 2022-12-31)" \
    "No K-pop b-side by a soloist managed to reach 700,000,000 Spotify streams."
ok "as of a date: the total then" \
    "$(first --measure spotify-streams --at 2022-05-10 --artist Kite --credit solo)" \
    "Kite Side,700000000,,"
ok "an artist by an alias, alone on the credit" "$(col 2 $S --first --artist 리아 --credit solo)" \
    "Ria Side "
ok "the answer names the artist as stored, not as typed" \
    "$(answer $S --first --artist 리아 --credit solo)" \
    "Ria Side (Ria) was the first song by Ria alone to reach 700,000,000 Spotify streams, on 2023-02-01 (1 did)."
ok "a group as stored" "$(answer $S --first --member-of nova | grep -c 'a member of Nova to')" 1
ok "an artist credited as featured" "$(col 2 $S --first --artist Kite --credit featured)" "Jae Side "
ok "songs of a group's members" "$(col 2 $S --first --member-of Nova)" "Jae Side Ria Side Duet Side "

C="--measure periods --chart spotify-global-daily --at-least 400"
ok "the only K-pop b-side solo track with 400+ days on the chart" \
    "$(answer $C --only --role b-side --market k-pop --artist-kind solo --credit solo)" \
    "Ria Side (Ria) is the only K-pop solo b-side by a soloist to spend 400 days on the Spotify Daily Top 200 Global."
ok "...with its days" "$(first $C --only --role b-side --market k-pop --artist-kind solo --credit solo)" \
    "Ria Side,445,2024-02-04,758"
ok "two leads, both soloists: by soloists, not a solo song" \
    "$(col 2 $C --only --role b-side --market k-pop --artist-kind solo)" "Ria Side Duet Side "
ok "one lead, a group: a solo song, not by a soloist" \
    "$(col 2 $C --only --role b-side --market k-pop --credit solo)" "Nova Side Ria Side "
ok "a tie for the first, counted past --limit" \
    "$(answer $C --first --role b-side --market k-pop --artist-kind solo --limit 1)" \
    "Ria Side (Ria) and 1 more tie as the first K-pop b-side by a soloist to spend 400 days on the Spotify Daily Top 200 Global, on 2024-02-04 (2 did)."
ok "most days on the chart, K-pop" "$(first --measure periods --chart spotify-global-daily --market k-pop)" \
    "Nova Side,500,,"
ok "most days at No. 1" "$(col 4 --measure no1 --chart spotify-global-daily)" "445 55 0 0 0 "
ok "the 50th day at No. 1" "$(first --measure no1 --chart spotify-global-daily --at-least 50 --first)" \
    "Ria Side,445,2023-02-19,408"
ok "best peak of a pop lead" "$(col 2,4 --measure peak --chart spotify-global-daily --market pop)" \
    "Kite Side,3 Duet Side,4 "
ok "first to the top 3" "$(first --measure peak --chart spotify-global-daily --at-least 3 --first --market pop)" \
    "Kite Side,3,2023-10-28,1240"
ok "a chart measure as of a date" \
    "$(first --measure periods --chart spotify-global-daily --at 2023-01-31 --artist Jae)" "Jae Side,31,,"

F="--measure instagram-followers --at-least 50000000 --fastest"
ok "fastest to 50M followers" "$(first $F)" "Kite,50000001,2020-02-01,31"
ok "fastest K-pop soloist to 50M followers" "$(answer $F --market k-pop --artist-kind solo)" \
    "Jae was the fastest K-pop soloist to reach 50,000,000 Instagram followers, in 73 days (on 2022-03-15)."
ok "fastest member of Nova" "$(col 1,2,8 $F --member-of Nova)" "1,Jae,73 2,Ria,221 "

# Records in the news: the broadest cohort a song is the first of.
news() { "$kchart" news --limit 0 --format csv "$@" | grep '^record,' | cut -d, -f3,8-; }
ok "news: the first K-pop b-side past 700M" "$(news | grep 'Nova Side' | head -1)" \
    '2022-09-01,"Nova Side (Nova) is the first K-pop b-side to pass 700,000,000 Spotify streams."'
ok "news: the first K-pop soloist's song past 700M (before Ria Side)" \
    "$(news | grep '700,000,000' | grep soloist)" \
    '2023-01-20,"Jae Side (Jae feat. Kite) is the first K-pop song by a soloist to pass 700,000,000 Spotify streams."'
ok "news --from: the records of periods from 2023 on" "$(news --from 2023-01-01 | wc -l)" 1
"$kchart" news --limit 0 --format csv >"$tmp/news-before.csv"
"$kchart" series import "$here/series.csv" >/dev/null || exit 1
"$kchart" news --limit 0 --format csv >"$tmp/news-again.csv"
ok_file "the same series twice adds no event" "$tmp/news-before.csv" "$tmp/news-again.csv"

# Two subjects of one song: Nova Title's totals by title and credit (to
# 729M, the last on 2021-12-31) and by its Spotify id (790M on 2021-12-20,
# 805M on 12-21). The song crosses 750M and 800M on the id's days, the
# total before taken from either subject (12-17 by title: sparse).
export KCHART_DB="$tmp/c.db"
"$kchart" catalog import "$here/catalog.json" >/dev/null || exit 1
"$kchart" series import "$here/series.csv" "$here/two-subjects.csv" >/dev/null || exit 1
ok "two subjects: 800M (a mark) on the id's day" \
    "$(first --measure spotify-streams --at-least 800000000 --first | cut -d, -f1-3)" \
    "Nova Title,805000000,2021-12-21"
ok "two subjects: 750M (between marks), the total before from the other" \
    "$(rec --format csv --measure spotify-streams --at-least 750000000 --first | sed -n 2p | cut -d, -f2,4-7)" \
    "Nova Title,790000000,2021-12-20,2021-12-18,sparse"
ok "two subjects: the most, the larger total" \
    "$(first --measure spotify-streams --role title --market k-pop | cut -d, -f1,2)" "Nova Title,805000000"
export KCHART_DB="$tmp/a.db"

# Monthly and yearly periods count from their first day: --at, days from
# release, news --from.
export KCHART_DB="$tmp/d.db"
"$kchart" catalog import "$here/catalog.json" >/dev/null || exit 1
printf '%s\n' chart,period,rank,title,artist \
    "melon-monthly,2023-01,1,Nova Side,Nova" "melon-monthly,2023-02,1,Ria Side,Ria" \
    "melon-monthly,2023-02,2,Nova Side,Nova" "melon-yearly,2023,1,Ria Side,Ria" >"$tmp/monthly.csv"
"$kchart" ingest "$tmp/monthly.csv" >/dev/null || exit 1
ok "a month's days from release: from its 1st" \
    "$(rec --format csv --measure periods --chart melon-monthly --at-least 2 --fastest | sed -n 2p | cut -d, -f2,5,8)" \
    "Nova Side,2023-02,698"
ok "a year's days from release: from January 1st" \
    "$(rec --format csv --measure periods --chart melon-yearly --at-least 1 --fastest | sed -n 2p | cut -d, -f2,5,8)" \
    "Ria Side,2023,359"
ok "--at a month's 1st counts that month" \
    "$(rec --format csv --measure periods --chart melon-monthly --at 2023-02-01 --artist Nova | sed -n 2p | cut -d, -f2,4)" \
    "Nova Side,2"
ok "news --from a month's 1st keeps that month" \
    "$("$kchart" news --from 2023-02-01 --format csv | grep -c 'melon-monthly,2023-02,')" 1
export KCHART_DB="$tmp/a.db"

# Releases: first-week and first-day sales ranked within a cohort, and the
# records of the news (sales-catalog.json, sales.csv): Oricon first weeks of
# K-pop soloists Jae 250,000 (2021-05), Jae 230,000 (2022-09), Ria 219,000
# (2023-06), Ria 120,000 (2020-03), Mio 90,000 (2022-02); a group's 400,000
# and a pop soloist's 300,000 are of other cohorts.
export KCHART_DB="$tmp/s.db"
"$kchart" catalog import "$here/sales-catalog.json" >/dev/null || exit 1
"$kchart" sales import "$here/sales.csv" >/dev/null || exit 1
O="--measure first-week --provider oricon"
ok "Oricon first weeks of K-pop soloists, ranked" \
    "$(col 1,2,4 $O --market k-pop --artist-kind solo)" \
    "1,Jae Japan 1,250000 2,Jae Japan 2,230000 3,Ria Japan 2,219000 4,Ria Japan 1,120000 5,Mio Japan,90000 "
ok "the third-highest first week by a K-pop soloist: Ria Japan 2" \
    "$(rec --format csv $O --market k-pop --artist-kind solo | grep ',Ria Japan 2,' | cut -d, -f1,2,5,8)" \
    "3,Ria Japan 2,2023-06-11,5"
ok "the most, of all" "$(answer $O)" \
    "Nova Japan (Nova) has the most first-week sales at Oricon of any release: 400,000."
ok "the first K-pop soloist past 200,000 in a first week" \
    "$(answer $O --at-least 200000 --first --market k-pop --artist-kind solo)" \
    "Jae Japan 1 (Jae) was the first K-pop release by a soloist to sell 200,000 copies in its first week at Oricon, on 2021-05-16 (3 did)."
ok "as of a date" "$(col 2 $O --market k-pop --artist-kind solo --at 2022-12-31)" \
    "Jae Japan 1 Jae Japan 2 Ria Japan 1 Mio Japan "
ok "a release kind" "$(col 2 $O --release-kind ep)" "Ria Japan 2 "
ok "first days at Hanteo" "$(col 2,4 --measure first-day --provider hanteo --market k-pop)" \
    "Jae Japan 2,150000 Ria Japan 2,100000 "
sales_news() { "$kchart" news --limit 0 --format csv | grep '^sales,' | cut -d, -f3,8-; }
ok "news: the highest, second- and third-highest first weeks as they happened" "$(sales_news)" \
'2023-06-11,"Ria Japan 2 (Ria) sold 219,000 copies in its first week at Oricon, the third-highest for a K-pop soloist."
2022-09-11,"Jae Japan 2 (Jae) sold 230,000 copies in its first week at Oricon, the second-highest for a K-pop soloist."
2021-05-16,"Jae Japan 1 (Jae) sold 250,000 copies in its first week at Oricon, the highest for a K-pop soloist."'
"$kchart" sales import "$here/sales.csv" >/dev/null || exit 1
ok "news: the same sales twice add no event" "$(sales_news | wc -l)" 3
"$kchart" rebuild >/dev/null || exit 1
ok "news: the same after rebuild" "$(sales_news | wc -l)" 3
export KCHART_DB="$tmp/a.db"

# Derived on every query: the same after rebuild, and after the same input
# in another order into another store.
rec $S --first --role b-side --format csv | cut -d, -f1-12 >"$tmp/before.csv"
rec $C --only --format csv | cut -d, -f1-12 >>"$tmp/before.csv"
"$kchart" rebuild >/dev/null || exit 1
"$kchart" news --limit 0 --format csv >"$tmp/news-after.csv"
ok_file "news after rebuild" "$tmp/news-before.csv" "$tmp/news-after.csv"
rec $S --first --role b-side --format csv | cut -d, -f1-12 >"$tmp/after.csv"
rec $C --only --format csv | cut -d, -f1-12 >>"$tmp/after.csv"
ok_file "records after rebuild" "$tmp/before.csv" "$tmp/after.csv"
export KCHART_DB="$tmp/b.db"
"$kchart" ingest "$here/chart.csv" >/dev/null || exit 1
"$kchart" series import "$here/series.csv" --create >/dev/null || exit 1
"$kchart" catalog import "$here/catalog.json" >/dev/null || exit 1
rec $S --first --role b-side --format csv | cut -d, -f1-12 >"$tmp/other.csv"
rec $C --only --format csv | cut -d, -f1-12 >>"$tmp/other.csv"
ok_file "records with the charts and series first, the catalog last" "$tmp/before.csv" "$tmp/other.csv"

# Bad questions: a clear message and the exit code.
bad() {
    want_code=$1 want=$2
    shift 2
    got=$("$kchart" records "$@" 2>&1 >/dev/null)
    code=$?
    ok "records $*: exit" "$code" "$want_code"
    ok "records $*: message" "$got" "$want"
}
bad 1 'kchart: unknown measure "spotify-stream": a series (circle-downloads, circle-streams, instagram-followers, spotify-followers, spotify-streams, tiktok-followers, weverse-followers, x-followers, youtube-subscribers, youtube-views); with --chart, one of periods, no1, peak, streak; with --provider, first-day or first-week' \
    --measure spotify-stream
bad 1 "kchart: first needs a threshold (--at-least N)" --measure spotify-streams --first
bad 1 "kchart: instagram-followers is of artists: role, release kind, credit and year are of songs" \
    --measure instagram-followers --role b-side
bad 1 'kchart: role "bside" is not one of title, b-side, pre-release, ost or fan-song' \
    --measure spotify-streams --role bside
bad 3 'kchart: no artist "Rai"; did you mean "Ria" or "Jae"?' --measure spotify-streams --artist Rai
bad 3 'kchart: no chart "spotify-global-dialy" (kchart charts lists them)' \
    --measure periods --chart spotify-global-dialy
bad 1 "kchart: measure periods is a chart's: name it (--chart ID)" --measure periods
bad 1 'kchart: --at "2024-13-01" is not a date (YYYY-MM-DD)' --measure spotify-streams --at 2024-13-01
bad 1 "kchart: credit lead is of an artist (--artist NAME)" --measure spotify-streams --credit lead
bad 1 "kchart: first-week is a release's sales: name the provider (--provider P), not a chart" \
    --measure first-week
bad 3 'kchart: no sales provider "orikon" (hanteo, circle, oricon, luminate, any)' \
    --measure first-week --provider orikon
bad 1 "kchart: first-day is of releases: no --fastest, role or credit" \
    --measure first-day --provider hanteo --at-least 1 --fastest
bad 1 "kchart: a provider is for first-day and first-week, not spotify-streams" \
    --measure spotify-streams --provider oricon
bad 2 "kchart: --first, --fastest, --only and --most are one answer: give one" \
    --measure spotify-streams --at-least 1 --first --only

# Two artists whose names match alike: the exact name picks one; a name
# matching both is ambiguous, and the message names them.
export KCHART_DB="$tmp/e.db"
printf '%s\n' '{"kchart": "catalog/1", "sources": ["made up"], "artists": [
    {"name": "Mira", "kind": "solo", "market": "k-pop"},
    {"name": "MIRA", "kind": "group", "market": "pop"}], "songs": []}' >"$tmp/mira.json"
"$kchart" catalog import "$tmp/mira.json" >/dev/null || exit 1
bad 1 'kchart: artist "mira" is ambiguous: it matches "MIRA", "Mira"; give one name exactly' \
    --measure spotify-streams --artist mira
ok "an exact name is not ambiguous" \
    "$("$kchart" records --measure spotify-streams --artist MIRA >/dev/null 2>&1; echo $?)" 0
# Names too long for the message together: each is shown by its start.
long=$(printf 'Ab%.0s' $(seq 200))
upper=$(printf '%s' "$long" | tr a-z A-Z)
lower=$(printf '%s' "$long" | tr A-Z a-z)
printf '{"kchart": "catalog/1", "sources": ["made up"], "artists": [
    {"name": "%s", "kind": "solo", "market": "k-pop"},
    {"name": "%s", "kind": "group", "market": "pop"}], "songs": []}\n' \
    "$upper" "$lower" >"$tmp/long.json"
"$kchart" catalog import "$tmp/long.json" >/dev/null || exit 1
bad 1 "kchart: artist \"$long\" is ambiguous: it matches \"$(printf '%.64s' "$upper")...\", \"$(printf '%.64s' "$lower")...\"; give one name exactly" \
    --measure spotify-streams --artist "$long"
# Milestones take an artist or a song's title: a name of two artists is
# ambiguous until a song has that title.
ok "milestones of an ambiguous name: exit 1" \
    "$("$kchart" milestones mira >/dev/null 2>&1; echo $?)" 1
printf 'source,date,subject,value\n%s\n%s\n' "spotify-streams,2024-01-01,Mira|Solo X,50000000" \
    "spotify-streams,2024-01-02,Mira|Solo X,150000000" >"$tmp/mira.csv"
"$kchart" series import --create "$tmp/mira.csv" >/dev/null || exit 1
ok "milestones of a song titled as two artists are named" \
    "$("$kchart" milestones mira --format csv | sed -n 2p | cut -d, -f1-5)" \
    "Mira,Solo X,spotify-streams,100000000,2024-01-02"
finish
