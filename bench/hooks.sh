#!/bin/sh
# hooks.sh KCHART_BINARY: an ingest with an unreachable webhook against one
# without (docs/hooks.md, "Where delivery runs").
#
# The whole Billboard Hot 100 archive (3,549 weekly files) is ingested into a
# fresh store while `kchart hook deliver --watch` runs beside it on the same
# store, as `kchart serve` runs its deliverer; farm-bench times it pair by
# pair, with a hook (A) against the same with no hook (B):
#   closed     a hook to 127.0.0.1 on a closed port (connections refused at
#              once)
#   silent     a hook to a listener on 127.0.0.1 that takes connections and
#              never answers (each attempt waits out its 10 s timeout)
#   blackhole  a hook to 10.255.255.1, an address meant to answer nothing
#              (a network may answer for it all the same: the report's
#              first lines say what an attempt got)
# An event is queued before the ingest starts, so that the deliverer is
# failing at it, and retrying, while the ingest runs (the ingest's own
# events, once it stores them, queue behind it). Both figures are printed:
# farm-bench's median wall time of each, and the median of the pairs'
# ratios. Then the ingest alone, no deliverer, against the baseline B.
#
# Why the baseline runs the deliverer too: so that a pair differs by the
# hook alone. The last comparison, the ingest alone against that baseline,
# shows what the deliverer itself costs. On a machine others load, the wall
# time of an ingest (mostly waiting on the disk) drifts by tens of percent
# from run to run: one run of 5 pairs gave the ingest alone 1.33 times the
# baseline, a later one of 3 pairs 0.76. Read farm-bench's CPU ratios
# beside the wall times.
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
# A listener that takes connections and never reads or answers them.
python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(128)
print(s.getsockname()[1], flush=True)
held = []
while True:
    held.append(s.accept()[0])
' >"$tmp/silent.port" &
silent=$!
trap 'kill $silent 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
while [ ! -s "$tmp/silent.port" ]; do sleep 0.1; done
silent_port=$(cat "$tmp/silent.port")

# with_hook.sh URL DB: a store with a hook to URL (none: no hook) and a
# queued event, the deliverer watching it, then the ingest; the deliverer
# is stopped after.
cat >"$tmp/with_hook.sh" <<EOF
#!/bin/sh
set -eu
rm -f "\$2" "\$2-wal" "\$2-shm"
if [ "\$1" = none ]; then
    "$kchart" hook list --db "\$2" >/dev/null
else
    "$kchart" hook add --db "\$2" "\$1" >/dev/null
fi
sqlite3 "\$2" "INSERT INTO event (kind, period, sentence, key, learned)
  VALUES ('debut', '1958-08-04', 'queued before the ingest', 'bench:queued',
          strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
"$kchart" hook deliver --watch --quiet --db "\$2" &
deliverer=\$!
"$kchart" ingest --quiet --db "\$2" "$data"
kill -TERM \$deliverer
wait \$deliverer
EOF
# alone.sh DB: the ingest alone, into a fresh store.
cat >"$tmp/alone.sh" <<EOF
#!/bin/sh
set -eu
rm -f "\$1" "\$1-wal" "\$1-shm"
exec "$kchart" ingest --quiet --db "\$1" "$data"
EOF

git diff --quiet HEAD || dirty=" + uncommitted changes"
echo "kchart     $(git rev-parse --short HEAD)${dirty:-}"
echo "machine    $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "data       $(find "$data" -name "*.json" | wc -l) files in $data"
for url in "http://127.0.0.1:$port/hook" "http://127.0.0.1:$silent_port/hook" \
    "http://10.255.255.1/hook"; do
    echo "attempt    $url: $(curl -sS -m 10 -o /dev/null -w 'HTTP %{http_code}' \
        -X POST "$url" 2>&1 | head -n 1)"
done
echo

# bench NAME A B: farm-bench of A against B (each a script of $tmp and its
# arguments), its report printed and kept as $tmp/NAME.out.
bench() {
    echo "== $1: $2 (A) vs $3 (B)"
    # shellcheck disable=SC2086
    farm-bench -n "$runs" --timeout 1800 --vs "sh $tmp/$3" -- sh $tmp/$2 |
        tee "$tmp/$1.out"
    echo
}
nohook="with_hook.sh none $tmp/b.db"
bench closed "with_hook.sh http://127.0.0.1:$port/hook $tmp/a.db" "$nohook"
bench silent "with_hook.sh http://127.0.0.1:$silent_port/hook $tmp/a.db" "$nohook"
bench blackhole "with_hook.sh http://10.255.255.1/hook $tmp/a.db" "$nohook"
bench alone "alone.sh $tmp/a.db" "$nohook"

# The medians side by side: wall seconds of A and of B, and the median of
# the pairs' ratios.
echo "median wall seconds of the Hot 100 ingest (farm-bench, $runs pairs; B: no hook,"
echo "the deliverer running):"
printf '%-10s %10s %10s %10s\n' A A_wall_s B_wall_s A/B
for name in closed silent blackhole alone; do
    awk -v n="$name" '$1 == "A" && $2 == "wall" { a = $5 } $1 == "B" && $2 == "wall" { b = $5 }
        $1 == "A/B" && $2 == "wall" { r = $4 }
        END { printf "%-10s %10s %10s %10s\n", n, a, b, r }' "$tmp/$name.out"
done
