#!/bin/sh
# write_soak.sh KCHART [PEER] [SECONDS]: issue 23's write soak of `kchart
# serve`: reads and writes at once, for SECONDS (default 60).
#
# A store holds the Hot 100's first 2,000 weeks (from data/*.tar.zst); the
# server takes the next 1,549 weeks by POST /api/ingest while wrk (2
# threads, 8 connections, bench/write_soak.lua) reads songs, chart periods,
# leaderboards, search and news: one request in 20 is a write. Prints the
# requests, the writes, the answers that were not 2xx, wrk's socket errors
# and the server's memory (RSS) every 10 s; then the same for PEER (an
# older build) when given, side by side. Needs wrk (installed when missing).
set -eu
[ $# -ge 1 ] || { echo "usage: $0 KCHART [PEER] [SECONDS]" >&2; exit 2; }
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
kchart=$(abs "$1") peer=${2:+$(abs "$2")} secs=${3:-60}
cd "$(dirname "$0")/.."
root=$(pwd)
sh scripts/deps.sh wrk
tmp=$(mktemp -d)
trap 'kill $(cat "$tmp/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$tmp"' EXIT INT TERM
zstd -dc data/billboard-hot100.tar.zst | tar -xf - -C "$tmp"
ls "$tmp"/billboard-hot100/date/*.json | sort >"$tmp/all"
head -n 2000 "$tmp/all" >"$tmp/first"
tail -n +2001 "$tmp/all" >"$tmp/bodies"

soak() { # soak KCHART: one line of figures
    bin=$1 db=$tmp/soak.db
    rm -f "$db" "$db-wal" "$db-shm"
    mkdir -p "$tmp/first.d"
    rm -f "$tmp"/first.d/*
    xargs -a "$tmp/first" cp -t "$tmp/first.d"
    "$bin" ingest --quiet --db "$db" "$tmp/first.d"
    token=$("$bin" token create soak --db "$db" | grep -o 'kc_[0-9a-f]*' | head -n 1)
    # Paths to read: songs, chart periods, leaderboards, search, news.
    sqlite3 "$db" "SELECT '/api/songs/' || id FROM song ORDER BY id LIMIT 2000;
        SELECT '/api/charts/billboard-hot-100?period=' || period FROM snapshot
         ORDER BY period LIMIT 1000;" >"$tmp/paths"
    printf '%s\n' /api/charts/billboard-hot-100/top /api/news '/api/search?q=love' \
        /api/charts >>"$tmp/paths"
    "$bin" serve --db "$db" --port 0 --web /nonexistent >"$tmp/serve.out" 2>"$tmp/serve.err" &
    echo $! >"$tmp/pid"
    i=0
    while ! grep -q http:// "$tmp/serve.out"; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "kchart serve did not start" >&2; exit 1; }
        sleep 0.1
    done
    port=$(sed -n 's|.*http://[^:]*:\([0-9]*\)/.*|\1|p' "$tmp/serve.out" | head -n 1)
    pid=$(cat "$tmp/pid")
    rss() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status"; }
    mem=$(rss)
    KCHART_PATHS=$tmp/paths KCHART_BODIES=$tmp/bodies KCHART_TOKEN=$token KCHART_THREADS=2 \
        wrk -t 2 -c 8 -d "${secs}s" -s bench/write_soak.lua "http://127.0.0.1:$port" \
        >"$tmp/wrk.out" 2>"$tmp/wrk.err" &
    wpid=$!
    t=0
    while [ $t -lt "$secs" ]; do
        sleep 10
        t=$((t + 10))
        mem="$mem $(rss)"
    done
    wait $wpid
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    reqs=$(awk '/requests in/ { print $1 }' "$tmp/wrk.out")
    non2xx=$(awk '/Non-2xx/ { print $NF }' "$tmp/wrk.out")
    errs=$(awk '/Socket errors/ { print }' "$tmp/wrk.out")
    weeks=$(sqlite3 "$db" "SELECT count(*) FROM snapshot")
    printf '%-8s %9s %7s %8s  %-28s %s\n' "$2" "$reqs" "$((weeks - 2000))" "${non2xx:-0}" \
        "${errs:-no socket errors}" "$mem"
    head -n 3 "$tmp/wrk.err" >&2 || true
}
echo "write soak: ${secs} s, wrk -t 2 -c 8, one request in 20 a POST /api/ingest of a new Hot 100 week"
printf '%-8s %9s %7s %8s  %-28s %s\n' build requests "weeks +" "non-2xx" "wrk errors" "server RSS MiB every 10 s"
soak "$kchart" kchart
[ -z "$peer" ] || soak "$peer" peer
