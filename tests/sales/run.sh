#!/bin/sh
# Album sales and units end to end: each provider's windows at the day
# boundaries of its own zone (a release at 18:00 KST is 09:00 UTC, one at
# 09:00 KST the evening before in New York), monthly reports against
# cumulative snapshots (both kept, the difference flagged), the same units
# inputs under the ratios of 2017, 2019, 2020 and 2026, the same files
# twice, conflicts and unknown releases refused with nothing stored.
# Usage: run.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"
win() { "$kchart" sales --format csv "$1" | grep "^$2,$3," | cut -d, -f3-6; }
units() { "$kchart" units --format csv --week "$1" | grep "$2" | cut -d, -f4-7; }

export KCHART_DB="$tmp/a.db"
"$kchart" catalog import "$here/catalog.json" >/dev/null || exit 1
ok "import" "$("$kchart" sales import "$here/dawn.csv" "$here/morning.csv")" \
    "2 files: 23 rows stored, 0 unchanged, 0 releases made"
before=$(dump)
ok "the same files twice" "$("$kchart" sales import "$here/dawn.csv" "$here/morning.csv")" \
    "2 files: 0 rows stored, 23 unchanged, 0 releases made"
ok "the same files twice: store as it was" "$(dump)" "$before"

# Dawn: 2024-03-06 18:00 KST (09:00 UTC, 04:00 in New York, a Wednesday).
ok "hanteo first day: the KST release day" "$(win Dawn hanteo 'first day')" \
    "2024-03-06,2024-03-06,1,219000"
ok "hanteo chodong: 7 days from the release day, not the 8th" \
    "$(win Dawn hanteo 'first week')" "2024-03-06,2024-03-12,7,311000"
ok "oricon first week: its Monday-Sunday JST week" "$(win Dawn oricon 'first week')" \
    "2024-03-04,2024-03-10,7,120000"
ok "oricon: 5 days of it" "$("$kchart" sales --format csv Dawn | grep '^oricon' | grep -c '5 of 7 days')" 1
ok "luminate: the Friday-Thursday tracking week" "$(win Dawn luminate 'first week')" \
    "2024-03-01,2024-03-07,7,9000"
ok "luminate: its chart date" "$("$kchart" sales --format csv Dawn | grep -c 'chart dated 2024-03-16')" 1
ok "circle: months total" "$(win Dawn circle 'months total')" "2024-03-01,2024-05-31,92,429090"
ok "circle: a cumulative snapshot equal to the months" \
    "$("$kchart" sales --format csv Dawn | grep '2024-04-30,56,428090,cumulative,equals')" \
    "circle,cumulative,2024-03-06,2024-04-30,56,428090,cumulative,equals the months' sum"
ok "circle: a cumulative snapshot that differs, kept and flagged" \
    "$("$kchart" sales --format csv Dawn | grep '430000')" \
    "circle,cumulative,2024-03-06,2024-05-31,87,430000,cumulative,DIFFERS: the months to 2024-05-31 sum to 429090 (+910)"

# Morning: 2024-03-08 09:00 KST = 00:00 UTC = 19:00 on the 7th in New York.
ok "hanteo first day: the 8th in KST, every version, no country split" \
    "$(win Morning hanteo 'first day')" "2024-03-08,2024-03-08,1,10000"
ok "luminate first day: the 7th in New York" "$(win Morning luminate 'first day')" \
    "2024-03-07,2024-03-07,1,300"
ok "luminate first week: Thursday the 7th ends it (1 day)" \
    "$("$kchart" sales --format csv Morning | grep '^luminate,first week' | cut -d, -f3-4,8)" \
    "2024-03-01,2024-03-07,tracking week holding the release: 1 of 7 days; Billboard chart dated 2024-03-16"
ok "hanteo first week: days missing, no window" \
    "$(win Morning hanteo 'first week')" ""
ok "oricon first week of Morning" "$(win Morning oricon 'first week')" \
    "2024-03-04,2024-03-10,7,6000"

# Refused, nothing stored.
before=$(dump)
printf 'provider,period,release,artist,units,kind\nhanteo,2024-03-06,Dawn,Nova,219001,day\n' >"$tmp/conflict.csv"
ok "other units for a stored row" "$("$kchart" sales import "$tmp/conflict.csv" 2>&1; echo "exit $?")" \
    "kchart: $tmp/conflict.csv:2:29: hanteo day 2024-03-06 of \"Dawn\" is already stored as 219000 (from dawn.csv), not 219001
exit 1"
printf 'provider,period,release,artist,units\nhanteo,2024-03-06,Dawnn,Nova,5\nhanteo,2024-03-06,Dawn,Nova,1\n' >"$tmp/near.csv"
ok "unknown release names near ones" "$("$kchart" sales import "$tmp/near.csv" 2>&1; echo "exit $?")" \
    "kchart: $tmp/near.csv:2:19: unknown release \"Dawnn\" by \"Nova\"; did you mean \"Dawn (Nova)\"?
exit 1"
ok "refused: store as it was" "$(dump)" "$before"
ok "--create makes it" "$("$kchart" sales import --create "$tmp/near.csv")" \
    "1 file: 2 rows stored, 0 unchanged, 1 release made"
ok "the release made is an album of the day, in the provider's zone" \
    "$(sqlite3 "$KCHART_DB" "SELECT key, kind, released, time_zone, released_utc FROM release WHERE title = 'Dawnn'")" \
    "Nova/Dawnn|album|2024-03-06|Asia/Seoul|1709650800"

# Units: the same inputs under each era's ratios.
"$kchart" units import "$here/units.csv" >/dev/null || exit 1
ok "2017: 1,500 streams of any kind, no video" "$(units 2017-10-21 Kite)" "9417,8000,500,917"
ok "2019: 1,250 paid / 3,750 ad-supported (the worked example)" "$(units 2019-10-19 Kite)" "9000,8000,500,500"
ok "2020: video streams count" "$(units 2020-10-17 Kite)" "9067,8000,500,567"
ok "2026: 1,000 paid / 2,500 ad-supported" "$(units 2026-10-17 Kite)" "9300,8000,500,800"
ok "a day of the tracking week names the chart" "$(units 2018-10-05 Kite)" "9000,8000,500,500"
ok "the chart of a week: ranked" "$("$kchart" units --format csv --week 2018-10-20 | cut -d, -f1-4)" \
    "rank,release,artist,units
1,Nine Thousand,Kite,9000
2,Dawn,Nova,7410"
ok "a week without units" "$("$kchart" units --week 2015-01-03 2>&1; echo "exit $?")" \
    "kchart: no album units for the chart dated 2015-01-03
exit 3"
printf 'since,tracks,paid,ad,video,source\n2018-07-14,10,1000,1000,0,what if\n' >"$tmp/rules.csv"
"$kchart" units rules "$tmp/rules.csv" || exit 1
ok "ratios loaded by the user apply" "$(units 2019-10-19 Kite)" "9875,8000,500,1375"
ok "sales of a release without any" "$("$kchart" sales 'Late Show' 2>&1; echo "exit $?")" \
    "kchart: no sales of \"Late Show\"
exit 3"
finish
