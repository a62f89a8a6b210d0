#!/bin/sh
# What the store covers (docs/entities.md): on small histories made here,
# then on the bundled Spotify Pakistan archive (its first day is
# mid-history) and the bundled Korean archive (BLACKPINK's per-song series).
# Expected figures are worked out from the schedules below, not recorded
# from a run.
#
# mid/ (Spotify's CSV, made up): a daily chart stored from 2030-01-01 to
# 2030-01-03, whose first day's songs had all charted before but Fresh:
#   Edge     400 days on the first day (it reached 400 then), No. 1
#   Climber  398, 399, 400 days: reaches 400 on 2030-01-03, inside
#   Old Hand 509 days on the first day (reached 400 before it), rank 3 with
#            the provider's peak 1
#   Fresh    new on the first day: it debuted then
# whole/: a daily chart held from its first day (every song new there).
# catalog.json, streams.csv: two K-pop songs' Spotify totals (below).
# The All-Kill history (generic CSV, hourly, KST), kind t-year from
# 2023-01-01 on melon-realtime and genie-realtime:
#   2023: every hour stored; the charts disagree (Early on Melon, Other on
#         Genie) but from 2023-12-31T20 to T23, Late Year on both: the
#         first song of 2023 with an All-Kill, every hour before it held.
#   2024: nothing stored before 2024-07-01T00, then that day's hours, with
#         Mid Year No. 1 on both from T05 to T10: the first of 2024 in this
#         archive only, and so its longest run so far.
# Usage: run.sh KCHART
set -u
. "$(dirname "$0")/../real/common.sh"
cols() { # cols NAME... : those columns of the CSV on stdin (header named), each row
    python3 -c 'import csv, sys
rows = csv.DictReader(sys.stdin)
for r in rows:
    print(",".join(r[c] for c in sys.argv[1:]))' "$@"
}
db="$tmp/c.db"
"$kchart" ingest --quiet --db "$db" "$here/mid" "$here/whole" || exit 1
row() { # row CHART: kchart charts' first, latest, missing, partial, seeded
    "$kchart" charts --db "$1" --format csv |
        awk -F, -v c="$2" '$1 == c { print $10 "," $11 "," $12 "," $13 "," $14 }'
}
ok "charts: a chart stored mid-history" "$(row "$db" spotify-pk-daily)" \
    "2030-01-01,2030-01-03,0,0,3"
ok "charts: a chart held from its first day" "$(row "$db" spotify-ad-daily)" \
    "2030-01-01,2030-01-02,0,0,0"
song() { # song TITLE: chart, debut, debut_rank, seeded of kchart song
    "$kchart" song --db "$db" "$1" --format csv | awk -F, 'NR > 1 { print $4 "," $5 "," $6 "," $7 }'
}
ok "a seeded run debuted before the first stored day" "$(song "old hand")" \
    "spotify-pk-daily,before 2030-01-01,,509"
ok "... and one with exactly 400 days then" "$(song edge)" \
    "spotify-pk-daily,before 2030-01-01,,400"
ok "a new song on the first day debuted then" "$(song fresh)" "spotify-pk-daily,2030-01-01,4,"
ok "kchart top says it too" \
    "$("$kchart" top spotify-pk-daily --db "$db" --format csv | awk -F, '$3 == "Old Hand" { print $10 }')" \
    "before 2030-01-01"
rec() { "$kchart" records --db "$db" --chart "$@"; }
reached() { # reached ARGS: title, reached, flag of each row
    rec "$@" --format csv | awk -F, 'NR > 1 { print $2 "," $5 "," $7 }'
}
ok "400 days: open by the first day for 509, on it for 400, inside for Climber" \
    "$(reached spotify-pk-daily --measure periods --at-least 400 --first)" \
    "Old Hand,2030-01-01,open
Edge,2030-01-01,
Climber,2030-01-03,"
ok "No. 1: Old Hand's peak is the provider's, Edge was No. 1 the day before" \
    "$(reached spotify-pk-daily --measure peak --at-least 1 --first)" \
    "Edge,2030-01-01,open
Old Hand,2030-01-01,open"
ok "the answer is by the first day, of this archive, and says what it holds" \
    "$(rec spotify-pk-daily --measure periods --at-least 400 --first | head -1)" \
    "Old Hand (Ola) and 1 more tie as the first song in this archive to spend 400 days on the Spotify Daily Top 200 Pakistan, by 2030-01-01 (3 did; the store has no earlier count of them). This archive holds the Spotify Daily Top 200 Pakistan from 2030-01-01 (mid-history)."
ok "most, mid-history: of this archive" \
    "$(rec spotify-pk-daily --measure periods | head -1)" \
    "Old Hand (Ola) has the most days on the Spotify Daily Top 200 Pakistan of any song in this archive: 511. This archive holds the Spotify Daily Top 200 Pakistan from 2030-01-01 (mid-history)."
ok "a chart held from its first day: said plainly" \
    "$(rec spotify-ad-daily --measure periods --at-least 2 --first | head -1)" \
    "Alpha (Al) and 1 more tie as the first song to spend 2 days on the Spotify Daily Top 200 Andorra, on 2030-01-02 (2 did)."

# The All-Kill history.
csv="$tmp/hours.csv"
awk 'BEGIN {
    print "chart,period,rank,title,artist"
    split("31 28 31 30 31 30 31 31 30 31 30 31", dim, " ")
    for (m = 1; m <= 12; m++)
        for (d = 1; d <= dim[m]; d++)
            for (h = 0; h < 24; h++) {
                p = sprintf("2023-%02d-%02dT%02d", m, d, h)
                late = m == 12 && d == 31 && h >= 20
                print "melon-realtime," p ",1," (late ? "Late Year,Lark" : "Early,Eon")
                print "genie-realtime," p ",1," (late ? "Late Year,Lark" : "Other,Otto")
            }
    for (h = 0; h < 24; h++) {
        p = sprintf("2024-07-01T%02d", h)
        mid = h >= 5 && h <= 10
        print "melon-realtime," p ",1," (mid ? "Mid Year,Mina" : "Early,Eon")
        print "genie-realtime," p ",1," (mid ? "Mid Year,Mina" : "Other,Otto")
    }
}' >"$csv"
"$kchart" ingest --quiet --db "$db" "$csv" || exit 1
"$kchart" allkill --db "$db" --load "$here/rules.csv" || exit 1
ok "charts: 2023 whole, then 2024-07-01 (4,368 hours missing between)" \
    "$(row "$db" melon-realtime)" "2023-01-01T00,2024-07-01T23,4368,0,0"
news() { "$kchart" news --db "$db" --limit 0 --format csv | grep '^allkill,' | cut -d, -f8-; }
ok "the first of 2023 (every hour of it held) is said plainly; 2024's is of this archive" \
    "$(news)" \
    "\"Mid Year (Mina) set the longest All-Kill (t-year) run so far in this archive: 6 consecutive hours from 2024-07-01T05 to 2024-07-01T10. This archive holds the Melon real-time from 2023-01-01T00 (4,368 hours missing); the Genie real-time from 2023-01-01T00 (4,368 hours missing).\"
\"Mid Year (Mina) earned its first All-Kill (t-year) in this archive at 2024-07-01T05. This archive holds the Melon real-time from 2023-01-01T00 (4,368 hours missing); the Genie real-time from 2023-01-01T00 (4,368 hours missing).\"
\"Mid Year (Mina) is the first song of 2024 with an All-Kill (t-year) in this archive, at 2024-07-01T05. This archive holds the Melon real-time from 2024-07-01T00; the Genie real-time from 2024-07-01T00.\"
Late Year (Lark) earned its first All-Kill (t-year) at 2023-12-31T20.
\"Late Year (Lark) is the first song of 2023 with an All-Kill (t-year), at 2023-12-31T20.\""
ok "the list of 2023's All-Kills, every hour held, has no caption" \
    "$("$kchart" allkill --db "$db" --kind t-year --year 2023 --by first | head -1 | cut -c1-3)" "pos"
ok "2024's says what the archive holds" \
    "$("$kchart" allkill --db "$db" --kind t-year --year 2024 --by first | head -1)" \
    "All-Kills (t-year) of 2024 in this archive, which holds the Melon real-time from 2024-07-01T00; the Genie real-time from 2024-07-01T00."

# A series record: Ana One passes 100M after a total below it; Bo One's
# totals begin past 300M a month later (open: by then, maybe before Ana).
"$kchart" catalog import --db "$tmp/s.db" "$here/catalog.json" >/dev/null || exit 1
"$kchart" series import --db "$tmp/s.db" "$here/streams.csv" >/dev/null || exit 1
ok "the first of a cohort says that an open crossing may have come before" \
    "$("$kchart" news --db "$tmp/s.db" --format csv | cols kind text | grep '^record,' | cut -d, -f2-)" \
    "Ana One (Ana) is the first K-pop song to pass 100,000,000 Spotify streams. 1 more is known to have passed it only by a later date, where the store's totals of them begin, and may have been earlier."
ok "... and so does kchart records" \
    "$("$kchart" records --db "$tmp/s.db" --measure spotify-streams --at-least 100000000 --first --market k-pop | head -1)" \
    "Ana One (Ana) was the first K-pop song to reach 100,000,000 Spotify streams, on 2024-01-05 (2 did; 1 of them only by a later date, where the store's count of them begins, and may have been earlier)."

# The bundled Spotify Pakistan archive: its first day is mid-history.
pk=$(bundled spotify-daily-pk spotify-daily-pk)
db="$tmp/pk.db"
"$kchart" ingest --quiet --db "$db" "$pk" || exit 1
ok "Spotify Pakistan: 22 days, none missing, every song of the first had charted before" \
    "$(row "$db" spotify-pk-daily)" "2025-12-01,2025-12-22,0,0,200"
ok "every run whose first stored day already counts more than one day debuted before it" \
    "$("$kchart" top spotify-pk-daily --db "$db" --limit 1000 --format csv | cols debut |
        grep -c '^before ')" \
    "$(sqlite3 "$db" "SELECT count(*) FROM run r JOIN snapshot s
        ON s.chart_id = r.chart_id AND s.period = r.debut_period
        JOIN entry e ON e.snapshot_id = s.id AND e.song_id = r.song_id
        JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
        WHERE r.chart_id = 'spotify-pk-daily' AND o.p_periods > 1")"
ok "Haseen: debuted before 2025-12-01, 281 days on it" \
    "$("$kchart" song --db "$db" haseen --format csv | cols debut seeded)" \
    "before 2025-12-01,281"
first400="$tmp/first400.csv"
"$kchart" records --db "$db" --chart spotify-pk-daily --measure periods --at-least 400 \
    --first --format csv >"$first400" || exit 1
ok "no song past 400 days on the first day is said to reach 400 on it" \
    "$(sqlite3 "$db" "SELECT count(*) FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
        WHERE s.chart_id = 'spotify-pk-daily' AND s.period = '2025-12-01' AND e.periods > 400")" \
    "$(cols reached flag <"$first400" | grep -c '^2025-12-01,open$')"
ok "Jhol (535 days on the first day) is open" \
    "$(cols title reached flag <"$first400" | grep '^Jhol,')" "Jhol,2025-12-01,open"
ok "OBVIOUS reached 400 inside the archive" \
    "$(cols title reached flag <"$first400" | grep '^OBVIOUS')" \
    "OBVIOUS (feat. Hasan Raheem),2025-12-18,"
ok_grep "songs re-entering later past 400 days may have been earlier: the answer says so" \
    "; 20 of them only by a later date, where the store's count of them begins, and may have been earlier)" \
    "$("$kchart" records --db "$db" --chart spotify-pk-daily --measure periods --at-least 400 --first >"$tmp/a" && echo "$tmp/a")"
ok_grep "the answer: by the first day, in this archive, mid-history" \
    "by 2025-12-01 .*This archive holds the Spotify Daily Top 200 Pakistan from 2025-12-01 (mid-history)\.$" \
    "$("$kchart" records --db "$db" --chart spotify-pk-daily --measure periods --at-least 400 --first >"$tmp/a" && echo "$tmp/a")"

# The bundled Korean archive holds only BLACKPINK's songs: with the archive
# rule set, Pink Venom is the first song of 2022 with an All-Kill in this
# archive only.
kr=$(bundled korea-blackpink korea-blackpink)
db="$tmp/kr.db"
"$kchart" ingest --quiet --db "$db" "$kr" 2>/dev/null || exit 1
"$kchart" allkill --db "$db" --load "$root/data/allkill-archive.csv" || exit 1
ok "Korea: Melon real-time's snapshots are all partial" \
    "$(row "$db" melon-realtime | cut -d, -f1,4)" "2018-01-01T00,33493"
"$kchart" news --db "$db" --limit 0 --format csv >"$tmp/news.csv" || exit 1
ok "Pink Venom is never the first of 2022 plainly" \
    "$(grep -c 'Pink Venom (BLACKPINK) is the first song of 2022 with an All-Kill (archive-realtime), ' "$tmp/news.csv")" 0
ok_grep "... but the first of 2022 in this archive, which says what it holds" \
    "Pink Venom (BLACKPINK) is the first song of 2022 with an All-Kill (archive-realtime) in this archive, at 2022-08-19T15\. This archive holds the Melon real-time from 2022-01-01T00 (only some of its songs" \
    "$tmp/news.csv"
ok_grep "... and the list of 2022's All-Kills says so" \
    "^All-Kills (archive-realtime) of 2022 in this archive, which holds the Melon real-time from 2022-01-01T00 (only some of its songs" \
    "$("$kchart" allkill --db "$db" --kind archive-realtime --year 2022 --by first >"$tmp/b" && echo "$tmp/b")"
finish
