#!/bin/sh
# ingest_hot100.sh KCHART_BINARY: issue 2's benchmark.
#
# Measures the wall time and peak memory (RSS) of computing chart runs
# (previous rank, peak, weeks on chart) for the whole Billboard Hot 100
# archive, 3,549 weekly JSON files:
#   kchart   `kchart ingest` into a fresh SQLite store (parse, store, runs)
#   duckdb   bench/duckdb_hot100.mjs: read_json + window functions, 2 threads
# Each tool runs 3 times; the table shows the fastest run and its memory.
# Then bench_floor_hot100 (built beside the kchart binary, bench/floor_hot100.c)
# prints the least CPU jansson and SQLite need for the same files and rows,
# kchart's own work left out, and the wall time that sets as a floor (best of 3).
#
# The data is ${KCHART_DATA:-../shared/data}/billboard-hot100/date (relative
# to the repo root), else data/billboard-hot100.tar.zst extracted to a temp dir.

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

data=${KCHART_DATA:-../shared/data}/billboard-hot100/date
if [ ! -d "$data" ]; then
    zstd -dcq data/billboard-hot100.tar.zst | tar -xf - -C "$tmp"
    data=$tmp/billboard-hot100/date
fi

# npm ci needs every platform's optional DuckDB binding in the lock file; when
# the registry (a mirror) lacks some, the lock leaves them out and npm ci
# refuses, so fall back to npm install, which still takes the locked versions.
[ -d bench/node_modules ] ||
    (cd bench && { npm ci --silent || npm install --silent --no-save; })

# measure NAME ROWS CMD...: run CMD 3 times and print "NAME wall rss_mib rows"
# for the fastest run; ROWS is an awk program that finds the row count in
# CMD's output. A kchart run gets an empty store at $tmp/k.db.
measure() {
    name=$1 rows_awk=$2; shift 2
    : >"$tmp/runs"
    for _ in 1 2 3; do
        rm -f "$tmp"/k.db*
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out"
        echo "$(cat "$tmp/time") $(awk "$rows_awk" "$tmp/out")" >>"$tmp/runs"
    done
    sort -n "$tmp/runs" | head -n 1 |
        awk -v n="$name" '{ printf "%-8s %8.2f %8.1f %8d\n", n, $1, $2 / 1024, $3 }'
}

duckdb_version=$(node -p "require('./bench/node_modules/@duckdb/node-api/package.json').version")
git diff --quiet HEAD || dirty=" + uncommitted changes"
echo "kchart   $(git rev-parse --short HEAD)${dirty:-}"
echo "machine  $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "duckdb   @duckdb/node-api $duckdb_version, node $(node --version), 2 threads"
echo "data     $(find "$data" -name "*.json" | wc -l) files in $data"
echo
printf '%-8s %8s %8s %8s\n' tool wall_s rss_mib rows
# kchart prints files,snapshots,entries,unchanged; duckdb prints "rows N".
measure kchart 'BEGIN { FS = "," } NR == 2 { print $3 }' \
    "$kchart" ingest --db "$tmp/k.db" --format csv "$data"
measure duckdb '$1 == "rows" { print $2 }' \
    node bench/duckdb_hot100.mjs "$data"
echo
echo "duckdb's counters equal to Billboard's (naive song+artist key):"
sed 1d "$tmp/out"

floor=$(dirname "$kchart")/bench/bench_floor_hot100
if [ -x "$floor" ]; then
    echo
    echo "the floor (bench/floor_hot100.c: jansson parse + SQLite rows, no kchart), best of 3:"
    for i in 1 2 3; do
        "$floor" "$data" "$tmp/floor.db" >"$tmp/floor.$i"
        echo "$(awk '$1 == "floor" { print $2 }' "$tmp/floor.$i") $i"
    done | sort -n | head -n 1 | { read -r _ best; cat "$tmp/floor.$best"; }
fi
