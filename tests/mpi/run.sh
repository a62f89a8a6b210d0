#!/bin/sh
# `mpirun -np N kchart compile` (N = 1 to 4, oversubscribed on loopback)
# gives exactly the charts of one process:
#   - on generated plays: one binary file (split by records among the
#     ranks), three CSV files (whole files to ranks), CSV and binary mixed,
#     with users whose plays are spread over the files;
#   - on every rule edge of the golden tests (tests/golden/compile-*.test);
#   - in the store: the same snapshots as one process stores;
# and fails cleanly: a malformed play stops the job with its file:line:column
# and stores nothing; a rank that dies fails the job, the store is left as
# it was, and running again gives the charts.
# Usage: run.sh KCHART GEN_PLAYS   (exit 77, skipped, without mpirun)
set -u
. "$(dirname "$0")/../lib.sh"
[ $# -ge 2 ] || usage "KCHART GEN_PLAYS"
gen=$(abs "$2")
command -v mpirun >/dev/null || skip "mpirun not found"
# Open MPI refuses root unless told; CI runs as root in a throwaway machine.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi() { np=$1; shift; mpirun --oversubscribe --bind-to none -np "$np" "$kchart" "$@"; }
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
    ok_file "np $np, one binary file" whole.csv out.csv
    mpi $np compile $rules --format csv f0.csv f1.csv f2.csv >out.csv 2>/dev/null
    ok_file "np $np, three CSV files" whole.csv out.csv
    mpi $np compile $rules --format csv f0.kcp f1.csv f2.kcp >out.csv 2>/dev/null
    ok_file "np $np, binary and CSV files" whole.csv out.csv
done

# The rule edges: every golden compile case, at every number of ranks.
export PLAYS=plays
for np in 1 2 3 4; do
    for case in "$root"/tests/golden/compile-*.test; do
        name=$(basename "$case" .test)
        # mpirun forwards stdout and stderr apart: put the summary last again.
        (cd "$root/tests/fixtures" && eval "set -- $(golden_args "$case")" &&
            mpi $np "$@" >"$tmp/o.txt" 2>"$tmp/e.txt")
        cat o.txt e.txt >out.txt
        golden_output "$case" >want.txt
        ok_file "np $np, $name" want.txt out.txt
    done
done

# The store: the snapshots one process stores.
"$kchart" compile $rules --db one.db all.kcp >/dev/null || exit 1
mpi 3 compile $rules --db three.db f0.kcp f1.csv f2.kcp >/dev/null || exit 1
snapshots() { sqlite3 "$1" "SELECT s.chart_id, s.period, o.rank, o.provider_id, o.value
    FROM snapshot s JOIN observation o ON o.snapshot_id = s.id ORDER BY 1, 2, 3"; }
snapshots one.db >one.txt
snapshots three.db >three.txt
[ -s one.txt ] || failed "np 1 stored nothing"
ok_file "np 3, stored snapshots" one.txt three.txt

# A malformed play: the job stops with where it is, and stores nothing.
{ head -n 100 f1.csv; echo "1793491200000,1,2,kr,p1,gold,60000"; } >bad.csv
before=$(dump three.db)
if mpi 2 compile $rules --db three.db f0.kcp bad.csv f2.kcp >/dev/null 2>err.txt; then
    failed "a malformed play under mpirun succeeded"
elif ! grep -q "bad.csv:101:25: tier must be premium or free" err.txt; then
    failed "malformed play message: $(cat err.txt)"
else
    passed "a malformed play stops the job with its place"
fi
ok "a failed job leaves the store as it was" "$(dump three.db)" "$before"

# A rank that dies: the job fails, the store is untouched; a rerun works.
mpi 3 compile $rules --db fresh.db all.kcp >/dev/null 2>&1 || true # creates the store
sqlite3 fresh.db "DELETE FROM entry; DELETE FROM observation; DELETE FROM run;
    DELETE FROM snapshot" || exit 1
before=$(dump fresh.db)
if KCHART_TEST_DIE_RANK=1 mpi 3 compile $rules --db fresh.db all.kcp >/dev/null 2>err.txt
then
    failed "the job succeeded with a dead rank"
else
    passed "a dead rank fails the job"
fi
ok "a dead rank leaves the store as it was" "$(dump fresh.db)" "$before"
mpi 3 compile $rules --format csv all.kcp >out.csv 2>/dev/null
ok_file "rerun after a dead rank" whole.csv out.csv

finish
