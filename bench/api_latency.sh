#!/bin/sh
# api_latency.sh KCHART_BINARY [PASSES]: issue 22's benchmark of uncached
# answers (`make bench-api`).
#
# On each of the two stores of bench/api_stores.sh (the Hot 100 + Spotify
# Pakistan; the Korean archive + the 55-country Spotify weekly archive),
# asks every route of the JSON API (src/http/api.c) the requests that
# bench/api_latency.py picks from the store with a fixed seed: 500 chart
# periods, 2,000 song pages, 200 searches of common title words, 400 artist
# pages, news pages, leaderboards, records, All-Kills... one request at a
# time on one keep-alive connection, and prints p50 and p99 per route, side
# by side:
#   kchart          `kchart serve` (answers cached until the store changes)
#   kchart-nocache  `kchart serve --no-cache` (every answer from SQLite)
#   kchart-nocache cpu  the CPU time of the uncached server's answers (its
#                   threads' schedstat): on a machine shared with other work
#                   the wall-clock time measures the queue as well
#   nginx           Debian's nginx serving the same answers saved as files
# The servers get core 0 (one request thread, one nginx worker), the client
# core 1. The answers are saved first (through the cached server, which
# fills its cache, and the files nginx serves); then the last of PASSES
# passes (default 1) over every request is measured, the ones before it
# warming SQLite's page cache.
#
# Needs nginx (Debian: nginx-light); installs it when missing.
set -eu

[ $# -ge 1 ] || { echo "usage: $0 KCHART_BINARY [PASSES]" >&2; exit 2; }
case $1 in /*) kchart=$1 ;; *) kchart=$(pwd)/$1 ;; esac
passes=${2:-1}
cd "$(dirname "$0")/.."
sh scripts/deps.sh nginx-light

tmp=$(mktemp -d)
cleanup() {
    for p in $(cat "$tmp/pids" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
: >"$tmp/pids"

# Starts a server on a free port (its pid appended to $tmp/pids); echoes the port.
start() {
    n=$(wc -l <"$tmp/pids")
    out=$tmp/serve.$n
    taskset -c 0 "$kchart" serve --port 0 --web /nonexistent --threads 1 "$@" \
        >"$out" 2>/dev/null &
    echo $! >>"$tmp/pids"
    i=0
    while ! grep -q http:// "$out" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "kchart serve did not start" >&2; exit 1; }
        sleep 0.1
    done
    sed 's|.*http://[^:]*:\([0-9]*\)/.*|\1|' "$out"
}

# Starts nginx serving $1 (the saved answers); echoes its port.
nginx_on() {
    chmod a+x "$tmp" && chmod -R a+rX "$1" # nginx's workers run as another user
    ngport=$(python3 -c 'import socket; s = socket.socket()
for p in range(20000, 32000):
    try:
        s.bind(("127.0.0.1", p)); print(p); break
    except OSError: pass')
    mkdir -p "$tmp/nginx"
    cat >"$tmp/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $tmp/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 64; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type application/json;
    client_body_temp_path $tmp/nginx;
    proxy_temp_path $tmp/nginx;
    fastcgi_temp_path $tmp/nginx;
    uwsgi_temp_path $tmp/nginx;
    scgi_temp_path $tmp/nginx;
    server {
        listen 127.0.0.1:$ngport;
        root $1;
        location / { add_header Cache-Control no-cache; add_header Access-Control-Allow-Origin *; }
    }
}
EOF
    taskset -c 0 nginx -c "$tmp/nginx.conf" -p "$tmp/nginx" 2>/dev/null
    echo "$ngport"
}

echo "== building the stores (bench/api_stores.sh; kept between runs)"
stores=$(sh bench/api_stores.sh "$kchart")
for db in $stores; do
    name=$(basename "$db" | sed 's/\..*//')
    export KCHART_DB="$db"
    python3 bench/api_latency.py paths "$db" "$tmp/paths" 2>/dev/null
    port=$(start)
    nport=$(start --no-cache)
    npid=$(tail -n 1 "$tmp/pids")
    python3 bench/api_latency.py save "$tmp/paths" "$port" "$tmp/www.$name"
    ngport=$(nginx_on "$tmp/www.$name")
    echo
    echo "== $name: $(wc -l <"$tmp/paths") requests, one at a time; server on core 0,"
    echo "   client on core 1; pass $passes of $passes measured (ms)"
    taskset -c 1 python3 bench/api_latency.py measure "$tmp/paths" \
        "kchart=$port" "kchart-nocache=$nport:cpu=$npid" "nginx=$ngport:static" --passes "$passes"
    kill "$(cat "$tmp/nginx.pid")" && rm -f "$tmp/nginx.pid"
    for p in $(cat "$tmp/pids"); do kill "$p" 2>/dev/null || true; done
    : >"$tmp/pids"
    sleep 0.3
done
