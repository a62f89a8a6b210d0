#!/bin/sh
# `make demo`: builds ./kchart.db (or $KCHART_DB) from the real charts bundled
# in data/ (the whole Billboard Hot 100, 1958-2026, 22 days of Spotify's
# Daily Top 200 for Pakistan, BLACKPINK's rank series on the Korean charts,
# 2016-2023, and Spotify's Weekly Top 200 of 54 countries, 2019-2021),
# prints a short report from it, then serves it: the dashboard, the JSON
# API and the feed at http://127.0.0.1:8080/ (or $KCHART_PORT) until Ctrl-C.
# Real data only: the compile demo's generated plays are counted into charts
# that are printed, never stored in the demo's store. About two minutes.
set -eu
kchart=${1:-build/kchart}
cd "$(dirname "$0")/.."
export KCHART_DB=${KCHART_DB:-kchart.db}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for archive in billboard-hot100 spotify-daily-pk korea-blackpink spotify-weekly-55; do
    zstd -dc "data/$archive.tar.zst" | tar -xf - -C "$work"
done
echo "== ingest (data/*.tar.zst into $KCHART_DB)"
"$kchart" ingest "$work/billboard-hot100/date" "$work/spotify-daily-pk" "$work/korea-blackpink" \
    "$work/spotify-weekly-55"
echo
echo "== this week's Hot 100, top 10"
"$kchart" chart billboard-hot-100 --limit 10
echo
echo "== the longest runs on the Hot 100"
"$kchart" top billboard-hot-100 --by periods --limit 10
echo
echo "== the most weeks at No. 1"
"$kchart" top billboard-hot-100 --by no1 --limit 5
echo
echo "== one song's runs: Mariah Carey, All I Want For Christmas Is You (the first 8 of"
echo "   $("$kchart" song "all i want for christmas is you mariah" | tail -n +2 | wc -l) runs: the Hot 100 and Spotify's weekly charts by country)"
"$kchart" song "all i want for christmas is you mariah" | head -9
echo
echo "== our counters against Billboard's and Spotify's own (docs/runs.md)"
"$kchart" verify
echo
echo "== the catalog (data/catalog.json, sources named in it; the Korean archive's song map)"
"$kchart" catalog import data/catalog.json "$work/korea-blackpink/data.json"
echo
echo "== real-time All-Kills on Melon, Genie and Bugs (data/allkill-archive.csv)"
"$kchart" allkill --load data/allkill-archive.csv
"$kchart" allkill --kind archive-realtime --limit 5
echo
echo "== records over cohorts (docs/records.md): the most hours at No. 1 on Melon's real-time chart"
"$kchart" records --measure no1 --chart melon-realtime --market k-pop --limit 3
"$kchart" records --measure periods --chart melon-daily --at-least 1000 --only --member-of BLACKPINK
echo
echo "== where How You Like That reached No. 1 on Spotify's weekly charts (docs/regions.md)"
"$kchart" regions "how you like that blackpink" --family spotify-weekly
echo
echo "== charts compiled from 1,000,000 generated plays (bench/gen_plays.c):"
echo "   daily, per platform and region, 30 s, a cap of 10 a user, free = 1/3;"
echo "   printed, not stored: the demo's store holds real charts only"
gen=$(dirname "$kchart")/bench/gen_plays
"$gen" --events 1000000 --out "$work/plays.csv"
"$kchart" plays convert "$work/plays.csv" "$work/plays.kcp"
"$kchart" compile "$work/plays.kcp" --weight free=1/3 --format csv >"$work/compiled.csv"
echo "$(cut -d, -f1 "$work/compiled.csv" | sort -u | grep -cv '^chart$') charts (platform-region); platform 1 in Korea, its first day, top 5:"
head -1 "$work/compiled.csv"
grep '^p1-kr,' "$work/compiled.csv" | head -5
shared=${KCHART_DATA:-../shared/data}
if [ -d "$shared/kworb-totals" ]; then
    echo
    echo "== The Weeknd's Spotify totals (kworb snapshots, dated by their data date) and milestones"
    "$kchart" series import "$shared/kworb-totals/history/songs" --artist "The Weeknd" --create
    "$kchart" milestones
fi
echo
echo "== the dashboard, the JSON API (docs/api.md) and the feed; Ctrl-C stops"
"$kchart" serve --port "${KCHART_PORT:-8080}" --web web/dist
