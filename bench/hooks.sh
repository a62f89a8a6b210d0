#!/bin/sh
# hooks.sh KCHART_BINARY: an ingest with an unreachable webhook against one
# without (docs/hooks.md, "Delivery never slows an ingest").
#
# The whole Billboard Hot 100 archive (3,549 weekly files) is ingested into a
# fresh store, timed by farm-bench, pair by pair against the same ingest
# with no hook:
#   none       `kchart ingest` alone (the baseline, B)
#   closed     a hook to 127.0.0.1 on a closed port (connections refused at
#              once), `kchart hook deliver --watch` running beside the ingest
#              on the same store, as `kchart serve` runs it
#   blackhole  a hook to 10.255.255.1, an address no one answers (each attempt
#              waits out its 10 s timeout), the deliverer running the same way
# An event is queued before the ingest starts, so that the deliverer is
# failing at it, and retrying, while the ingest runs (the ingest's own
# events, once it stores them, queue behind it). Both figures are printed:
# farm-bench's median wall time of each, and their ratio.
#
# The data is ${KCHART_DATA:-../shared/data}/billboard-hot100/date (relative
# to the repo root), else data/billboard-hot100.tar.zst extracted to a temp
# dir. RUNS (default 5) pairs are timed.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 KCHART_BINARY" >&2; exit 2; }
case $1 in /*) kchart=$1 ;; *) kchart=$(pwd)/$1 ;; esac
[ -x "$kchart" ] || { echo "$0: $kchart is not executable" >&2; exit 2; }
command -v farm-bench >/dev/null ||
    { echo "$0: needs farm-bench (times a command pair by pair against another)" >&2; exit 2; }
cd "$(dirname "$0")/.."
runs=${RUNS:-5}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

data=${KCHART_DATA:-../shared/data}/billboard-hot100/date
if [ ! -d "$data" ]; then
    zstd -dcq data/billboard-hot100.tar.zst | tar -xf - -C "$tmp"
    data=$tmp/billboard-hot100/date
fi
case $data in /*) ;; *) data=$(pwd)/$data ;; esac

# A port nothing listens on: one the kernel gave a socket, closed again.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# with_hook.sh URL DB: a store with a hook to URL and a queued event, the
# deliverer watching it, then the ingest; the deliverer is stopped after.
cat >"$tmp/with_hook.sh" <<EOF
#!/bin/sh
set -eu
rm -f "\$2" "\$2-wal" "\$2-shm"
"$kchart" hook add --db "\$2" "\$1" >/dev/null
sqlite3 "\$2" "INSERT INTO event (kind, period, sentence, key, learned)
  VALUES ('debut', '1958-08-04', 'queued before the ingest', 'bench:queued',
          strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
"$kchart" hook deliver --watch --quiet --db "\$2" &
deliverer=\$!
"$kchart" ingest --quiet --db "\$2" "$data"
kill -TERM \$deliverer
wait \$deliverer
EOF
cat >"$tmp/none.sh" <<EOF
#!/bin/sh
set -eu
rm -f "\$1" "\$1-wal" "\$1-shm"
exec "$kchart" ingest --quiet --db "\$1" "$data"
EOF

git diff --quiet HEAD || dirty=" + uncommitted changes"
echo "kchart     $(git rev-parse --short HEAD)${dirty:-}"
echo "machine    $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "data       $(find "$data" -name "*.json" | wc -l) files in $data"
echo

# bench NAME URL: farm-bench of the ingest with a hook to URL (A) against the
# ingest alone (B); prints farm-bench's report, then the medians side by side at the end.
bench() {
    echo "== $1: a hook to $2 (A) vs no hook (B)"
    farm-bench -n "$runs" --timeout 1800 \
        --vs "sh $tmp/none.sh $tmp/b.db" -- sh "$tmp/with_hook.sh" "$2" "$tmp/a.db" |
        tee "$tmp/$1.out"
    echo
}
bench closed "http://127.0.0.1:$port/hook"
bench blackhole "http://10.255.255.1/hook"

# The medians side by side: wall seconds with the hook, without, and the
# median of the pairs' ratios.
echo "median wall seconds of the Hot 100 ingest (farm-bench, $runs pairs):"
printf '%-10s %10s %10s %10s\n' hook with_hook no_hook ratio
for name in closed blackhole; do
    awk -v n="$name" '$1 == "A" && $2 == "wall" { a = $5 } $1 == "B" && $2 == "wall" { b = $5 }
        $1 == "A/B" && $2 == "wall" { r = $4 }
        END { printf "%-10s %10s %10s %10s\n", n, a, b, r }' "$tmp/$name.out"
done
