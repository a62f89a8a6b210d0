#!/bin/sh
# compile_mpi.sh KCHART GEN_PLAYS [EVENTS]: issue 9's benchmark.
#
# Compiles one day of generated plays (default 100,000,000 events, kchart's
# binary format; bench/gen_plays.c) into the 200 daily charts under the
# rules of bench/compile_plays.sh, first in one process, then with
# `mpirun -np N` for N = 1, 2 and 4 on this machine (ranks share its cores:
# each gets cores / N threads), checks that every run's charts are
# identical, and prints the wall time, each rank's peak memory and the bytes
# the ranks sent each other. The data stays in KCHART_BENCH_DIR if set (see
# compile_plays.sh), else in a temporary directory.

set -eu
[ $# -ge 2 ] || { echo "usage: $0 KCHART GEN_PLAYS [EVENTS]" >&2; exit 2; }
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
kchart=$(abs "$1") gen=$(abs "$2") n=${3:-100000000}
cd "$(dirname "$0")/.."
command -v mpirun >/dev/null || { echo "$0: needs mpirun (openmpi-bin)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "$0: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
data=${KCHART_BENCH_DIR:-$tmp}
mkdir -p "$data"
csv=$data/plays-$n.csv bin=$data/plays-$n.kcp
[ -s "$bin" ] || { [ -s "$csv" ] || "$gen" --events "$n" --out "$csv"; "$kchart" plays convert "$csv" "$bin" >/dev/null; }
rules="--min-ms 30000 --cap 10 --weight premium=1 --weight free=0.333 --top 200"

# The binary's own commit (kchart --version), not the checkout's: a baseline
# binary from elsewhere is then named as what it is.
echo "kchart   $("$kchart" --version 2>/dev/null | sed -n '1s/^kchart [^ ]* (git \(.*\))$/\1/p')"
echo "machine  $(nproc) CPUs; $(mpirun --version | head -n 1)"
echo "data     $n events, $(($(wc -c <"$bin") >> 20)) MiB in kchart's binary format"
echo
printf '%-10s %8s %12s  %s\n' run seconds "MiB sent" "peak MiB per rank"
# One process, best of two (the first may read the file from disk).
for _ in 1 2; do
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$kchart" compile $rules --format csv "$bin" \
        >"$tmp/one.csv" 2>/dev/null
    cat "$tmp/time" >>"$tmp/ones"
done
sort -n "$tmp/ones" | head -n 1 |
    awk '{ printf "%-10s %8.2f %12s  %.0f\n", "1 process", $1, "-", $2 / 1024 }'
for np in 1 2 4; do
    best=
    for _ in 1 2; do
        /usr/bin/time -f '%e' -o "$tmp/time" env KCHART_TRACE=1 mpirun --oversubscribe \
            --bind-to none -np $np "$kchart" compile $rules --format csv "$bin" \
            >"$tmp/mpi.csv" 2>"$tmp/trace"
        cmp -s "$tmp/one.csv" "$tmp/mpi.csv" ||
            { echo "$0: np $np: charts differ from one process's" >&2; exit 1; }
        secs=$(cat "$tmp/time")
        if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$secs
            cp "$tmp/trace" "$tmp/best"
        fi
    done
    sent=$(awk '/^kchart: rank/ { for (i = 1; i <= NF; i++) if ($i == "sent") s += $(i + 1) }
        END { printf "%.0f", s / 1048576 }' "$tmp/best")
    mem=$(awk '/^kchart: rank/ { for (i = 1; i <= NF; i++) if ($i == "memory")
        printf "%s%.0f", (n++ ? " " : ""), $(i + 1) / 1024 }' "$tmp/best")
    printf '%-10s %8.2f %12s  %s\n' "np $np" "$best" "$sent" "$mem"
done
echo
echo "charts   every run's charts identical to one process's ($(($(wc -l <"$tmp/one.csv") - 1)) rows)"
