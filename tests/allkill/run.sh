#!/bin/sh
# All-Kills from hand-built snapshots (generic CSV, hourly periods in KST):
# a daily chart in force across the hours of the next day, a missing chart,
# a rule set that changes on its effective date, the first song of a year,
# a chart published later than the default (the registry's published
# column), and bad rule files. Expected figures are worked out in
# expected/*.csv from the schedule below, not recorded from a run.
#
# Schedule (No. 1 of melon-top100 and genie-realtime, every hour from
# 2023-12-31T22 to 2024-01-03T02; Gamma holds No. 1 where nothing is said):
#   Beta  2023-12-31T22-23, 2024-01-02T10-12
#   Alpha 2024-01-01T00-05, 2024-01-03T00-02
#   genie-realtime has no chart at 2024-01-01T03
#   bugs-realtime: 2024-01-03T00 Alpha, T01 Beta, nothing at T02
#   melon-daily: 2023-12-31 Alpha, 2024-01-01 Beta, 2024-01-02 not published
#   released (catalog.json): Alpha 2023-12-29T18:00 KST, Beta 2023-12-20
#   (Alpha's first hour 2024-01-01T00 is 3 days and 54 hours after it; Beta
#   has days only)
# Usage: run.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"
db="$tmp/ak.db"
check() { # check NAME EXPECTED-FILE COMMAND...: what COMMAND prints (2>&1)
    name=$1 want=$2
    shift 2
    ok "$name" "$("$@" 2>&1)" "$(cat "$want")"
}
no1() { # the No. 1 of melon-top100 and genie-realtime at hour $1
    case $1 in
    2023-12-31T2[23] | 2024-01-02T1[012]) echo Beta ;;
    2024-01-01T0[0-5] | 2024-01-03T0[0-2]) echo Alpha ;;
    *) echo Gamma ;;
    esac
}
other() { [ "$1" = Gamma ] && echo Alpha || echo Gamma; }
csv="$tmp/hours.csv"
echo "chart,period,rank,title,artist" >"$csv"
hours="2023-12-31T22 2023-12-31T23"
for d in 2024-01-01 2024-01-02; do
    for h in 00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23; do
        hours="$hours ${d}T$h"
    done
done
hours="$hours 2024-01-03T00 2024-01-03T01 2024-01-03T02"
for p in $hours; do
    s=$(no1 "$p") o=$(other "$s")
    for c in melon-top100 genie-realtime; do
        [ "$c" = genie-realtime ] && [ "$p" = 2024-01-01T03 ] && continue
        echo "$c,$p,1,$s,$s band"
        echo "$c,$p,2,$o,$o band"
    done
done >>"$csv"
cat >>"$csv" <<'CSV'
bugs-realtime,2024-01-03T00,1,Alpha,Alpha band
bugs-realtime,2024-01-03T01,1,Beta,Beta band
melon-daily,2023-12-31,1,Alpha,Alpha band
melon-daily,2023-12-31,2,Gamma,Gamma band
melon-daily,2024-01-01,1,Beta,Beta band
melon-daily,2024-01-01,2,Alpha,Alpha band
CSV
"$kchart" ingest --quiet --db "$db" "$csv" || exit 1
"$kchart" allkill --db "$db" --load "$here/rules.csv" || exit 1
# Release times from a catalog: Alpha 2023-12-29 18:00 KST, Beta a date alone.
"$kchart" catalog import --db "$db" "$here/catalog.json" >/dev/null || exit 1
ak() { "$kchart" allkill --db "$db" --format csv "$@"; }
check "song: Alpha, both kinds" "$here/expected/alpha.csv" ak Alpha --kind t-rt
check "song: Alpha, with a daily chart" "$here/expected/alpha-ck.csv" ak Alpha --kind t-ck
check "leaderboard t-rt by hours" "$here/expected/board-rt.csv" ak --kind t-rt
check "leaderboard t-ck" "$here/expected/board-ck.csv" ak --kind t-ck
check "first of 2024" "$here/expected/first-2024.csv" ak --kind t-rt --year 2024 --by first
check "first of 2023" "$here/expected/first-2023.csv" ak --kind t-rt --year 2023 --by first
check "at 2024-01-01T03 (a chart missing)" "$here/expected/at-missing.csv" \
    ak --at 2024-01-01T03 --kind t-ck
check "at 2024-01-02T11 (the daily chart of the day before)" \
    "$here/expected/at-daily.csv" ak --at 2024-01-02T11 --kind t-ck
# The news: each song's first All-Kill, the first song of each year, each
# run longer than all before it; derived, so ingesting again adds nothing.
# Each is a claim about the hours before it: t-rt counts from 2023-12-01,
# but the store holds its charts from 2023-12-31T22, and genie-realtime
# lacks 2024-01-01T03; those events are "in this archive" and say what it
# holds, while the first of 2024 (at 2024-01-01T00, every hour of 2024
# before it held) is said plainly.
news() { "$kchart" news --db "$db" --limit 0 --format csv | grep '^allkill,'; }
check "news of the All-Kills" "$here/expected/news.csv" news
"$kchart" ingest --quiet --db "$db" "$csv" || exit 1
check "... the same after ingesting the same file again" "$here/expected/news.csv" news
# melon-daily published 36 hours after its day starts (noon the next day):
# 2023-12-31 is in force from 2024-01-01T12, 2024-01-01 until 2024-01-03T12,
# nine hours past the last hourly charts (2024-01-03T02), which are missing
# then while the daily chart has Beta.
sed -n '/^id,/p;/^melon-daily,/p' "$root/data/charts.csv" |
    sed 's/,$/,36/' >"$tmp/late.csv"
"$kchart" charts load --db "$db" "$tmp/late.csv" || exit 1
check "a daily chart published at noon" "$here/expected/late-ck.csv" ak --kind t-ck
check "... Alpha then" "$here/expected/late-alpha.csv" ak Alpha --kind t-ck
# Bad rule files: a clear error, nothing changed.
before=$(ak --rules)
for f in "$here"/bad/*.csv; do
    err=$("$kchart" allkill --db "$db" --load "$f" 2>&1)
    code=$?
    want=$(sed "s|@DIR@|$here/bad|" "${f%.csv}.err")
    if [ $code -ne 1 ] || [ "$err" != "$want" ] || [ "$(ak --rules)" != "$before" ]; then
        failed "bad rules $(basename "$f"): exit $code"
        echo "  got:  $err"
        echo "  want: $want"
    else
        passed "bad rules $(basename "$f")"
    fi
done
finish
