#!/bin/sh
# Sales as charts: the units chart stored as snapshots of billboard-200-units
# (its runs: debut, peak, weeks; the same import twice changes nothing; new
# ratios restore the weeks they change; rebuild gives the same store), and
# Hanteo's country-by-country charts as the family hanteo-weekly (a
# hand-made history of three weeks of November 2024: hanteo.csv).
# Usage: charts.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"

export KCHART_DB="$tmp/a.db"
"$kchart" catalog import "$here/catalog.json" >/dev/null || exit 1

# The units chart: five weeks of Nine Thousand, one of Dawn (units.csv).
ok "units import stores the weeks as snapshots" \
    "$("$kchart" units import "$here/units.csv")" \
    "1 file: 6 rows stored, 0 unchanged, 0 releases made
billboard-200-units: 5 weeks stored, 0 unchanged"
before=$(dump)
ok "twice: nothing stored" "$("$kchart" units import "$here/units.csv")" \
    "1 file: 0 rows stored, 6 unchanged, 0 releases made
billboard-200-units: 0 weeks stored, 5 unchanged"
ok "twice: the store as it was" "$(dump)" "$before"
ok "the chart of a week, as units --week ranks it" \
    "$("$kchart" chart billboard-200-units --period 2018-10-20 --format csv | cut -d, -f1-3)" \
    "rank,title,artist
1,Nine Thousand,Kite
2,Dawn,Nova"
ok "its values are the units" \
    "$(sqlite3 "$KCHART_DB" "SELECT group_concat(o.value, ' ') FROM observation o JOIN snapshot s ON s.id = o.snapshot_id WHERE s.chart_id = 'billboard-200-units' AND s.period = '2018-10-20'")" \
    "9000 7410"
ok "runs: Nine Thousand's debut, peak and weeks" \
    "$("$kchart" song 'Nine Thousand' --format csv | grep billboard-200-units | cut -d, -f5,6,8-11)" \
    "2017-10-21,1,1,2017-10-21,5,5"
ok "runs: Dawn's one week at No. 2" \
    "$("$kchart" song Dawn --format csv | grep billboard-200-units | cut -d, -f5,6,8-11)" \
    "2018-10-20,2,2,2018-10-20,1,1"
ok "a song id per release key" \
    "$(sqlite3 "$KCHART_DB" "SELECT DISTINCT provider_id FROM observation o JOIN snapshot s ON s.id = o.snapshot_id WHERE s.chart_id = 'billboard-200-units' ORDER BY 1" | tr '\n' ' ')" \
    "release:kite/nine release:nova/dawn "
printf 'since,tracks,paid,ad,video,source\n2018-07-14,10,1000,1000,0,what if\n' >"$tmp/rules.csv"
"$kchart" units rules "$tmp/rules.csv" || exit 1
ok "new ratios: the weeks under them are stored again" \
    "$(sqlite3 "$KCHART_DB" "SELECT group_concat(o.value, ' ') FROM observation o JOIN snapshot s ON s.id = o.snapshot_id WHERE s.chart_id = 'billboard-200-units' AND s.period IN ('2018-10-20', '2019-10-19') ORDER BY s.period")" \
    "9875 7510 9875"
ok "... and equal to units --week" \
    "$("$kchart" units --week 2019-10-19 --format csv | cut -d, -f4 | tail -1)" "9875"
before=$(dump)
"$kchart" rebuild >/dev/null || exit 1
ok "rebuild: the same store" "$(dump)" "$before"
ok "verify: the chart holds no provider counters, nothing to compare" \
    "$("$kchart" verify billboard-200-units --format csv | wc -l)" "1"

# Hanteo's country charts: one family of three regions.
ok "the family" "$("$kchart" regions --format csv | grep '^hanteo')" \
    "hanteo-weekly,hanteo,weekly,3,cn jp us"
"$kchart" ingest --quiet "$here/hanteo.csv" || exit 1
ok "No. 1 in Japan three weeks, in the United States one" \
    "$("$kchart" regions Dawn --family hanteo-weekly --format csv | cut -d, -f4-)" \
    "region,chart,first,best,periods
jp,hanteo-jp-weekly,2024-11-10,1,3
us,hanteo-us-weekly,2024-11-17,1,1"
ok "the third week of November (2024-11-11 to 11-17)" \
    "$("$kchart" regions Dawn --family hanteo-weekly --on 2024-11-13 --format csv | cut -d, -f4-)" \
    "region,chart,period,rank
jp,hanteo-jp-weekly,2024-11-17,1
us,hanteo-us-weekly,2024-11-17,1
cn,hanteo-cn-weekly,2024-11-17,5"
ok "leaderboard: regions at No. 1, ties by first week then id (Dawn's from the units chart)" \
    "$("$kchart" regions --family hanteo-weekly --leaderboard --format csv | cut -d, -f1,3-)" \
    "pos,title,artist,regions,first,region_list
1,Dawn,Nova,2,2024-11-10,jp us
2,Late Show,Orbit,2,2024-11-10,cn us
3,Morning,Orbit,1,2024-11-24,cn"
ok "the top 2: Late Show in all three" \
    "$("$kchart" regions 'Late Show' --family hanteo-weekly --top 2 --format csv | cut -d, -f4 | tail -n +2 | tr '\n' ' ')" \
    "cn jp us "
ok "a week of the family not stored: no row" \
    "$("$kchart" regions Dawn --family hanteo-weekly --on 2024-12-02 --format csv | wc -l)" "1"
finish
