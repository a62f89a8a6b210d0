#!/bin/sh
# serve.sh KCHART_BINARY [SECONDS]: issue 7's benchmark of `kchart serve`.
#
# Builds a store from the bundled data (the whole Hot 100 and Spotify
# Pakistan), then measures with wrk on loopback, side by side in one run:
#   kchart          `kchart serve` (answers cached until the store changes)
#   kchart-nocache  `kchart serve --no-cache` (every answer from SQLite)
#   nginx           Debian's nginx serving the same answers saved as files
# for a song's JSON and a chart's JSON. The server gets one core (taskset
# -c 0, one request thread, one nginx worker) and wrk the other (-c 1), so
# the two do not fight for a core. Then a soak: wrk for 60 s over many songs
# and chart periods (bench/serve_mix.lua: 3,000 songs, 1,000 chart periods,
# and a few leaderboards, searches and news pages) against kchart, with its
# errors and the server's memory (RSS) every 10 s.
#
# Needs wrk and nginx (Debian: wrk, nginx-light); installs them when missing.
set -eu

[ $# -ge 1 ] || { echo "usage: $0 KCHART_BINARY [SECONDS]" >&2; exit 2; }
case $1 in /*) kchart=$1 ;; *) kchart=$(pwd)/$1 ;; esac
secs=${2:-10}
cd "$(dirname "$0")/.."
root=$(pwd)
sh scripts/deps.sh wrk nginx-light

tmp=$(mktemp -d)
cleanup() {
    for p in $(cat "$tmp/pids" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

echo "== building the store from data/*.tar.zst"
for archive in billboard-hot100 spotify-daily-pk; do
    zstd -dc "data/$archive.tar.zst" | tar -xf - -C "$tmp"
done
export KCHART_DB="$tmp/kchart.db"
"$kchart" ingest "$tmp/billboard-hot100/date" "$tmp/spotify-daily-pk" >/dev/null

# Starts a server on a free port (its pid appended to $tmp/pids); echoes the port.
start() {
    n=$(wc -l <"$tmp/pids")
    out=$tmp/serve.$n
    taskset -c 0 "$kchart" serve --port 0 --web /nonexistent "$@" >"$out" 2>/dev/null &
    echo $! >>"$tmp/pids"
    i=0
    while ! grep -q http:// "$out" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "kchart serve did not start" >&2; exit 1; }
        sleep 0.1
    done
    sed 's|.*http://[^:]*:\([0-9]*\)/.*|\1|' "$out"
}
: >"$tmp/pids"

song=$("$kchart" song "lose control teddy swims" --format csv | sed -n 2p | cut -d, -f1)
song_path=/api/songs/$song
chart_path=/api/charts/billboard-hot-100

port=$(start --threads 1)
kpid=$(head -1 "$tmp/pids")
nport=$(start --threads 1 --no-cache)

# nginx serves the same bodies, saved as files.
mkdir -p "$tmp/www/api/songs" "$tmp/www/api/charts" "$tmp/nginx"
curl -sf "http://127.0.0.1:$port$song_path" >"$tmp/www$song_path"
curl -sf "http://127.0.0.1:$port$chart_path" >"$tmp/www$chart_path"
chmod a+x "$tmp" && chmod -R a+rX "$tmp/www" # nginx's workers run as another user
# A free port below the ephemeral range (where clients' own ports come from).
ngport=$(python3 -c 'import socket; s = socket.socket()
for p in range(20000, 32000):
    try:
        s.bind(("127.0.0.1", p)); print(p); break
    except OSError: pass')
cat >"$tmp/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $tmp/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 4096; }
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
        root $tmp/www;
        location / { add_header Cache-Control no-cache; add_header Access-Control-Allow-Origin *; }
    }
}
EOF
taskset -c 0 nginx -c "$tmp/nginx.conf" -p "$tmp/nginx"
sleep 0.5
for p in "$song_path" "$chart_path"; do
    curl -s "http://127.0.0.1:$ngport$p" >"$tmp/check"
    cmp -s "$tmp/www$p" "$tmp/check" ||
        { echo "nginx does not serve the same body for $p" >&2; exit 1; }
done

# wrk's figures as one row: requests/s, p50, p90, p99, errors.
measure() {
    name=$1 url=$2
    taskset -c 1 wrk -t1 -c32 -d"${secs}s" --latency "$url" >"$tmp/wrk.out" 2>&1
    rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.out")
    p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk.out")
    p90=$(awk '$1 == "90%" {print $2}' "$tmp/wrk.out")
    p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.out")
    errs=$(awk '/Non-2xx|Socket errors/ {print}' "$tmp/wrk.out" | tr '\n' ' ')
    printf '%-15s %-24s %10s %8s %8s %8s  %s\n' "$name" "$3" "$rps" "$p50" "$p90" "$p99" \
        "${errs:-no errors}"
}

bytes_song=$(wc -c <"$tmp/www$song_path")
bytes_chart=$(wc -c <"$tmp/www$chart_path")
echo
echo "== wrk -t1 -c32 -d${secs}s, server on core 0, wrk on core 1"
echo "   song: $song_path ($bytes_song bytes); chart: $chart_path ($bytes_chart bytes)"
printf '%-15s %-24s %10s %8s %8s %8s  %s\n' server endpoint "req/s" p50 p90 p99 errors
for what in song chart; do
    eval p=\$${what}_path
    measure kchart "http://127.0.0.1:$port$p" "$what"
    measure kchart-nocache "http://127.0.0.1:$nport$p" "$what"
    measure nginx "http://127.0.0.1:$ngport$p" "$what"
done

echo
echo "== soak: 60 s of wrk over many songs and chart pages (bench/serve_mix.lua)"
export KCHART_PATHS="$tmp/paths.txt"
sqlite3 "$KCHART_DB" "SELECT '/api/songs/' || id FROM song ORDER BY random() LIMIT 3000;
  SELECT '/api/charts/' || chart_id || '?period=' || period FROM snapshot
   ORDER BY random() LIMIT 1000;
  SELECT '/api/charts/billboard-hot-100/top?by=' || b || '&offset=' || o FROM
   (SELECT 'periods' AS b UNION SELECT 'peak' UNION SELECT 'no1'),
   (SELECT 0 AS o UNION SELECT 100 UNION SELECT 200);
  SELECT '/api/search?q=' || replace(title, ' ', '%20') FROM song
   WHERE title GLOB '[A-Za-z]*' AND title NOT GLOB '*[^A-Za-z ]*' ORDER BY random() LIMIT 50;
  SELECT '/api/news?offset=' || (100 * (id % 10)) FROM song LIMIT 10;" >"$KCHART_PATHS"
echo "$(wc -l <"$KCHART_PATHS") paths"
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$kpid/status"; }
echo "kchart RSS before: $(rss)"
taskset -c 1 wrk -t1 -c32 -d60s -s bench/serve_mix.lua "http://127.0.0.1:$port" \
    >"$tmp/soak.out" 2>&1 &
wpid=$!
for t in 10 20 30 40 50 60; do
    sleep 10
    echo "kchart RSS at ${t}s: $(rss)"
done
wait $wpid
grep -E "requests in|Requests/sec|Non-2xx|Socket errors|Latency" "$tmp/soak.out"
grep -q -E "Non-2xx|Socket errors" "$tmp/soak.out" || echo "no errors"
