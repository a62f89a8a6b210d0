#!/bin/sh
# allkill.sh KCHART_BINARY: issue 4's benchmark.
#
# One year (2024, KST) of generated snapshots of the ten charts of the
# built-in certified All-Kill set, 100 ranks each: five hourly charts
# (8,784 hours) and five daily ones (366 days), 4.58M rows through the
# generic CSV. Prints the ingest's time and peak memory (RSS), then those of
# the All-Kill evaluation: every kind's leaderboard over the whole year, and
# one song's hours, each the fastest of 3 runs.
#
# The generated year: 400 songs; each week a new song leads, holding No. 1
# on every hourly chart for its first 60 hours and on each daily chart for
# its first two days; otherwise the No. 1 rotates by chart, so no song
# all-kills. iChart's two charts are generated like the others.

set -eu
[ $# -eq 1 ] || { echo "usage: $0 KCHART_BINARY" >&2; exit 2; }
case $1 in /*) kchart=$1 ;; *) kchart=$(pwd)/$1 ;; esac
[ -x "$kchart" ] || { echo "$0: $kchart is not executable" >&2; exit 2; }
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    [ "$(id -u)" -eq 0 ] || { echo "$0: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

awk 'BEGIN {
    split("melon-top100 genie-realtime bugs-realtime flo-24hour ichart-realtime", hourly, " ")
    split("melon-daily genie-daily bugs-daily vibe-daily youtube-music-kr-daily", daily, " ")
    print "chart,period,rank,title,artist"
    split("31 29 31 30 31 30 31 31 30 31 30 31", mdays, " ")
    day = 0
    for (m = 1; m <= 12; m++) for (d = 1; d <= mdays[m]; d++) {
        date = sprintf("2024-%02d-%02d", m, d)
        for (h = 0; h < 24; h++) {
            hour = day * 24 + h
            lead = int(hour / 168)
            for (c = 1; c <= 5; c++) {
                top = (hour % 168) < 60 ? lead : lead + c * 7 + h
                for (r = 1; r <= 100; r++) {
                    s = (top + (r - 1) * 3) % 400
                    printf "%s,%sT%02d,%d,Song %03d,Artist %02d\n", hourly[c], date, h, r, s, s % 40
                }
            }
        }
        lead = int(day * 24 / 168)
        for (c = 1; c <= 5; c++) {
            top = (day * 24 % 168) < 48 ? lead : lead + c * 11 + day
            for (r = 1; r <= 100; r++) {
                s = (top + (r - 1) * 3) % 400
                printf "%s,%s,%d,Song %03d,Artist %02d\n", daily[c], date, r, s, s % 40
            }
        }
        day++
    }
}' >"$tmp/year.csv"
rows=$(($(wc -l <"$tmp/year.csv") - 1))

git diff --quiet HEAD 2>/dev/null || dirty=" + uncommitted changes"
echo "kchart   $(git rev-parse --short HEAD 2>/dev/null)${dirty:-}"
echo "machine  $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "input    $rows rows: 5 hourly charts x 8,784 hours + 5 daily x 366 days, 100 ranks"
printf '%-34s %8s %9s\n' step "wall s" "RSS MiB"
/usr/bin/time -f '%e %M' -o "$tmp/time" \
    "$kchart" ingest --quiet --db "$tmp/ak.db" "$tmp/year.csv"
awk '{ printf "%-34s %8.2f %9.1f\n", "ingest (parse, store, runs)", $1, $2 / 1024 }' "$tmp/time"
# best NAME CMD...: the fastest of 3 runs.
best() {
    name=$1; shift
    : >"$tmp/runs"
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out"
        cat "$tmp/time" >>"$tmp/runs"
    done
    sort -n "$tmp/runs" | head -n 1 |
        awk -v n="$name" '{ printf "%-34s %8.3f %9.1f\n", n, $1, $2 / 1024 }'
}
best "allkill: every kind's leaderboard" "$kchart" allkill --db "$tmp/ak.db" --limit 0
best "allkill: one song, every kind" "$kchart" allkill --db "$tmp/ak.db" "Song 010"
best "allkill: the state at one hour" "$kchart" allkill --db "$tmp/ak.db" --at 2024-06-03T05
echo
"$kchart" allkill --db "$tmp/ak.db" --kind certified --limit 3
