#!/bin/sh
# many_charts.sh KCHART_BINARY [PEER_BINARY]: the memory of one file naming
# many charts (issue 23): N charts are loaded into the registry, then one
# generic CSV with one row on each is ingested. Prints the ingest's peak
# memory (RSS) and time at 1,000, 10,000 and 100,000 charts, and the bytes a
# chart, beside PEER_BINARY's (an older build) when given. Before the maps
# and sets started small, each chart's runs state cost about 43 KB (100,000
# charts: 4.3 GB); the curve should be a line with a small slope.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 KCHART_BINARY [PEER_BINARY]" >&2; exit 2; }
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
bins=$(abs "$1")
[ $# -ge 2 ] && bins="$bins $(abs "$2")"
[ -x /usr/bin/time ] || { echo "$0: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
printf '%-8s %-40s %10s %8s %10s\n' charts binary "peak KiB" "s" "B/chart"
for n in 1000 10000 100000; do
    awk -v n="$n" 'BEGIN {
        print "id,provider,name,region,cadence,timezone,size,period_naming" > "'"$tmp"'/charts.csv"
        print "chart,period,rank,title,artist" > "'"$tmp"'/rows.csv"
        for (i = 0; i < n; i++) {
            printf "m%d,bench,Many %d,us,weekly,UTC,100,x\n", i, i > "'"$tmp"'/charts.csv"
            printf "m%d,2020-01-02,1,Song %d,Artist %d\n", i, i, i > "'"$tmp"'/rows.csv"
        }
    }'
    for b in $bins; do
        rm -f "$tmp"/db*
        "$b" charts load --db "$tmp/db" "$tmp/charts.csv" >/dev/null
        /usr/bin/time -f "%M %e" -o "$tmp/t" "$b" ingest --quiet --db "$tmp/db" "$tmp/rows.csv"
        read -r kib s <"$tmp/t"
        printf '%-8s %-40s %10s %8s %10s\n' "$n" "$b" "$kib" "$s" "$((kib * 1024 / n))"
    done
done
