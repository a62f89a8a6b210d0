#!/bin/sh
# api_same.sh OLD_KCHART NEW_KCHART: every answer of the latency benchmark's
# requests (bench/api_latency.py, on both stores of bench/api_stores.sh),
# from `kchart serve --no-cache` of each binary on a store each built,
# compared byte for byte. Exits 1 naming the requests that differ: a change
# made for speed must not change an answer.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 OLD_KCHART NEW_KCHART" >&2; exit 2; }
case $1 in /*) old=$1 ;; *) old=$(pwd)/$1 ;; esac
case $2 in /*) new=$2 ;; *) new=$(pwd)/$2 ;; esac
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
cleanup() {
    for p in $(cat "$tmp/pids" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
: >"$tmp/pids"

# Starts kchart ($1) on the store $2 on a free port; echoes the port.
start() {
    out=$tmp/serve.$(wc -l <"$tmp/pids")
    "$1" serve --db "$2" --port 0 --web /nonexistent --threads 1 --no-cache \
        >"$out" 2>/dev/null &
    echo $! >>"$tmp/pids"
    i=0
    while ! grep -q http:// "$out" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "kchart serve did not start" >&2; exit 1; }
        sleep 0.1
    done
    sed 's|.*http://[^:]*:\([0-9]*\)/.*|\1|' "$out"
}

old_stores=$(sh bench/api_stores.sh "$old")
new_stores=$(sh bench/api_stores.sh "$new")
status=0
i=1
for a in $old_stores; do
    b=$(echo "$new_stores" | sed -n "${i}p")
    i=$((i + 1))
    name=$(basename "$a" | sed 's/\..*//')
    python3 bench/api_latency.py paths "$a" "$tmp/paths" 2>/dev/null
    python3 bench/api_latency.py save "$tmp/paths" "$(start "$old" "$a")" "$tmp/old"
    python3 bench/api_latency.py save "$tmp/paths" "$(start "$new" "$b")" "$tmp/new"
    printf '%s: ' "$name"
    python3 bench/api_latency.py same "$tmp/old/answers.txt" "$tmp/new/answers.txt" ||
        status=1
    rm -rf "$tmp/old" "$tmp/new"
done
exit $status
