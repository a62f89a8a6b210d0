#!/bin/sh
# compile_plays.sh KCHART GEN_PLAYS [EVENTS...]: issue 6's benchmark.
#
# For each size (default 10,000,000 and 100,000,000 events) it generates one
# day of plays (bench/gen_plays.c: Zipf tracks, heavy-tailed users, 50
# regions, 4 platforms, 45% premium, log-normal play times, repeat plays),
# then compiles the daily charts of every platform and region under the same
# rules (30 s, cap 10, premium 1, free 0.333, top 200) with
#   kchart  `kchart compile` from its binary format (converted once,
#           untimed) and from the CSV;
#   duckdb  bench/duckdb_plays.mjs, 2 threads: the query over the plays
#           already loaded into an in-memory table ("compile"), and the CSV
#           load plus the query ("csv");
#   sqlite  bench/sqlite_plays.sh, at 10M events only (the same, one core);
# checks that every tool's charts are byte-identical to kchart's, and prints
# seconds, events per second and peak memory (maximum resident set of the
# process) of each. kchart's binary and DuckDB's compile run three times,
# the fastest is shown; the others once.
#
# Set KCHART_BENCH_DIR to keep the generated files between runs (about 6.7 GB
# of CSV and 2.4 GB of binary at 100M events); by default they go to a
# temporary directory, removed at the end.

set -eu

[ $# -ge 2 ] || { echo "usage: $0 KCHART GEN_PLAYS [EVENTS...]" >&2; exit 2; }
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
kchart=$(abs "$1") gen=$(abs "$2")
shift 2
sizes=${*:-10000000 100000000}
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ] || ! command -v sqlite3 >/dev/null; then
    [ "$(id -u)" -eq 0 ] || { echo "$0: needs /usr/bin/time and sqlite3" >&2; exit 2; }
    apt-get update -qq && apt-get install -y -qq time sqlite3 >/dev/null
fi
[ -d bench/node_modules ] ||
    (cd bench && { npm ci --silent || npm install --silent --no-save; })

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
data=${KCHART_BENCH_DIR:-$tmp}
mkdir -p "$data"

rules_k="--min-ms 30000 --cap 10 --weight premium=1 --weight free=0.333 --top 200"
rules_d="--min-ms 30000 --cap 10 --weight-premium 1 --weight-free 0.333 --top 200"

# run OUT CMD...: runs CMD with its output in OUT; sets secs and mib (the
# process's wall time and peak resident memory).
run() {
    out=$1
    shift
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$out" 2>"$tmp/err" ||
        { cat "$tmp/err" >&2; exit 1; }
    secs=$(cut -d' ' -f1 "$tmp/time")
    mib=$(awk '{ printf "%.0f", $2 / 1024 }' "$tmp/time")
}

row() { # row TOOL INPUT SECONDS MIB EVENTS
    awk -v t="$1" -v i="$2" -v s="$3" -v m="$4" -v n="$5" 'BEGIN {
        printf "%-7s %-34s %8.2f %12.1f %8s\n", t, i, s, n / s / 1e6, m }'
}

same() { # same NAME FILE: FILE must equal kchart's charts
    if cmp -s "$tmp/kchart.csv" "$2"; then
        echo "charts   $1 = kchart: identical ($(($(wc -l <"$2") - 1)) rows)"
    else
        echo "charts   $1 and kchart DIFFER:" >&2
        diff "$tmp/kchart.csv" "$2" | head -5 >&2
        exit 1
    fi
}

duckdb_version=$(node -p "require('./bench/node_modules/@duckdb/node-api/package.json').version")
# The binary's own commit (kchart --version; "-dirty" when built with
# uncommitted changes), not the checkout's.
echo "kchart   $("$kchart" --version 2>/dev/null | sed -n '1s/^kchart [^ ]* (git \(.*\))$/\1/p')"
echo "machine  $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "duckdb   @duckdb/node-api $duckdb_version, node $(node --version), 2 threads"
echo "sqlite   $(sqlite3 --version | cut -d' ' -f1)"

for n in $sizes; do
    csv=$data/plays-$n.csv bin=$data/plays-$n.kcp
    [ -s "$csv" ] || "$gen" --events "$n" --out "$csv"
    [ -s "$bin" ] || "$kchart" plays convert "$csv" "$bin" >/dev/null
    echo
    echo "$n events: CSV $(($(wc -c <"$csv") >> 20)) MiB, binary $(($(wc -c <"$bin") >> 20)) MiB"
    printf '%-7s %-34s %8s %12s %8s\n' tool input seconds "M events/s" "peak MiB"

    best=
    for _ in 1 2 3; do
        run "$tmp/kchart.csv" "$kchart" compile $rules_k --format csv "$bin"
        if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$secs kmib=$mib
        fi
    done
    kbin=$best
    row kchart "binary file" "$kbin" "$kmib" "$n"

    run "$tmp/kchart-csv.csv" "$kchart" compile $rules_k --format csv "$csv"
    kcsv=$secs
    row kchart "CSV file" "$secs" "$mib" "$n"

    # DuckDB: the compile query alone (best of three), and load + query.
    dbest= dload=
    for _ in 1 2 3; do
        run "$tmp/duck.out" node bench/duckdb_plays.mjs "$csv" "$tmp/duckdb.csv" $rules_d
        c=$(awk '$1 == "compile" { print $2 }' "$tmp/duck.out")
        l=$(awk '$1 == "load" { print $2 }' "$tmp/duck.out")
        if [ -z "$dbest" ] || awk -v a="$c" -v b="$dbest" 'BEGIN { exit !(a < b) }'; then
            dbest=$c dload=$l dmib=$mib
        fi
        [ "$n" -le 10000000 ] || break
    done
    row duckdb "table in memory (query only)" "$dbest" "$dmib" "$n"
    row duckdb "CSV file (load + query)" "$(awk -v a="$dload" -v b="$dbest" 'BEGIN { print a + b }')" "$dmib" "$n"

    if [ "$n" -le 10000000 ]; then
        run "$tmp/sqlite.out" sh bench/sqlite_plays.sh "$csv" "$tmp/sqlite.csv" $rules_d
        sc=$(awk '$1 == "compile" { print $2 }' "$tmp/sqlite.out")
        sl=$(awk '$1 == "load" { print $2 }' "$tmp/sqlite.out")
        row sqlite "table in memory (query only)" "$sc" "$mib" "$n"
        row sqlite "CSV file (load + query)" "$(awk -v a="$sl" -v b="$sc" 'BEGIN { print a + b }')" "$mib" "$n"
    fi

    same "kchart from CSV" "$tmp/kchart-csv.csv"
    same duckdb "$tmp/duckdb.csv"
    [ "$n" -gt 10000000 ] || same sqlite "$tmp/sqlite.csv"
    awk -v k="$kbin" -v d="$dbest" -v kc="$kcsv" -v dl="$dload" 'BEGIN {
        printf "speedup  binary vs DuckDB query: %.1fx; CSV vs CSV: %.1fx\n", d / k, (dl + d) / kc }'
done
