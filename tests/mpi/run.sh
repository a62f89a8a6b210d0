#!/bin/sh
# `mpirun -np N kchart compile` (N = 1 to 4, oversubscribed on loopback)
# gives exactly the charts of one process:
#   - on generated plays: one binary file (split by records among the
#     ranks), three CSV files (whole files to ranks), CSV and binary mixed,
#     with users whose plays are spread over the files;
#   - on every rule edge of the golden tests (tests/golden/compile-*.cmd);
#   - in the store: the same snapshots as one process stores;
# and fails cleanly: a malformed play stops the job with its file:line:column
# and stores nothing; a rank that dies fails the job, the store is left as
# it was, and running again gives the charts.
# Usage: run.sh KCHART GEN_PLAYS   (exit 77, skipped, without mpirun)
set -u
. "$(dirname "$0")/../lib.sh"
kchart=$(abs "$1") gen=$(abs "$2")
here=$(cd "$(dirname "$0")" && pwd)
command -v mpirun >/dev/null || { echo "mpirun not found: skipped"; exit 77; }
# Open MPI refuses root unless told; CI runs as root in a throwaway machine.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi() { np=$1; shift; mpirun --oversubscribe --bind-to none -np "$np" "$kchart" "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
rules="--cap 10 --weight free=1/3 --top 50"
"$gen" --events 200000 --seed 11 --out all.csv || exit 1
"$kchart" plays convert all.csv all.kcp >/dev/null || exit 1
awk -v h="$(head -n 1 all.csv)" 'NR > 1 { f = "f" (NR % 3) ".csv";
    if (!(f in seen)) { print h > f; seen[f] = 1 } print > f }' all.csv
for i in 0 1 2; do "$kchart" plays convert f$i.csv f$i.kcp >/dev/null || exit 1; done
"$kchart" compile $rules --format csv all.kcp >whole.csv 2>/dev/null || exit 1

for np in 1 2 3 4; do
    mpi $np compile $rules --format csv all.kcp >out.csv 2>/dev/null
    check "np $np, one binary file" whole.csv out.csv
    mpi $np compile $rules --format csv f0.csv f1.csv f2.csv >out.csv 2>/dev/null
    check "np $np, three CSV files" whole.csv out.csv
    mpi $np compile $rules --format csv f0.kcp f1.csv f2.kcp >out.csv 2>/dev/null
    check "np $np, binary and CSV files" whole.csv out.csv
done

# The rule edges: every golden compile case, at every number of ranks.
golden="$here/../golden"
export PLAYS=plays
for np in 1 2 3 4; do
    for cmd in "$golden"/compile-*.cmd; do
        name=$(basename "$cmd" .cmd)
        # mpirun forwards stdout and stderr apart: put the summary last again.
        (cd "$golden/../fixtures" && eval "set -- $(cat "$cmd")" &&
            mpi $np "$@" >"$tmp/o.txt" 2>"$tmp/e.txt")
        cat o.txt e.txt >out.txt
        check "np $np, $name" "$golden/$name.out" out.txt
    done
done

# The store: the snapshots one process stores.
"$kchart" compile $rules --db one.db all.kcp >/dev/null || exit 1
mpi 3 compile $rules --db three.db f0.kcp f1.csv f2.kcp >/dev/null || exit 1
dump() { sqlite3 "$1" "SELECT s.chart_id, s.period, o.rank, o.provider_id, o.value
    FROM snapshot s JOIN observation o ON o.snapshot_id = s.id ORDER BY 1, 2, 3"; }
dump one.db >one.txt
dump three.db >three.txt
[ -s one.txt ] || { echo "FAIL: nothing stored"; fail=$((fail + 1)); }
check "np 3, stored snapshots" one.txt three.txt

# A malformed play: the job stops with where it is, and stores nothing.
{ head -n 100 f1.csv; echo "1793491200000,1,2,kr,p1,gold,60000"; } >bad.csv
before=$(sqlite3 three.db .dump | sha256sum)
if mpi 2 compile $rules --db three.db f0.kcp bad.csv f2.kcp >/dev/null 2>err.txt; then
    echo "FAIL: a malformed play under mpirun succeeded"; fail=$((fail + 1))
elif ! grep -q "bad.csv:101:25: tier must be premium or free" err.txt; then
    echo "FAIL: malformed play message: $(cat err.txt)"; fail=$((fail + 1))
else
    pass=$((pass + 1))
fi
[ "$(sqlite3 three.db .dump | sha256sum)" = "$before" ] && pass=$((pass + 1)) ||
    { echo "FAIL: the store changed after a failed job"; fail=$((fail + 1)); }

# A rank that dies: the job fails, the store is untouched; a rerun works.
mpi 3 compile $rules --db fresh.db all.kcp >/dev/null 2>&1 || true # creates the store
sqlite3 fresh.db "DELETE FROM entry; DELETE FROM observation; DELETE FROM run;
    DELETE FROM snapshot" || exit 1
before=$(sqlite3 fresh.db .dump | sha256sum)
if KCHART_TEST_DIE_RANK=1 mpi 3 compile $rules --db fresh.db all.kcp >/dev/null 2>err.txt
then
    echo "FAIL: the job succeeded with a dead rank"; fail=$((fail + 1))
else
    pass=$((pass + 1))
fi
[ "$(sqlite3 fresh.db .dump | sha256sum)" = "$before" ] && pass=$((pass + 1)) ||
    { echo "FAIL: the store changed when a rank died"; fail=$((fail + 1)); }
mpi 3 compile $rules --format csv all.kcp >out.csv 2>/dev/null
check "rerun after a dead rank" whole.csv out.csv

finish
