# tests/lib.sh: what the shell tests share. Each test is a script at
# tests/DIR/NAME.sh whose first argument is the kchart binary, and begins
#     set -u
#     . "$(dirname "$0")/../lib.sh"
# (tests/real/common.sh sources it for the real-data tests). It sets:
#   kchart     the first argument, made absolute
#   here       the test's own folder; root: the repository
#   start_dir  the folder the test began in (CTest's: the build's tests/)
#   tmp        a new folder, removed when the test exits
# and gives the checks, each printing "ok   NAME" or "FAIL NAME..." and
# counting a pass or a fail:
#   ok NAME GOT WANT        GOT and WANT are the same string
#   ok_file NAME GOT WANT   files GOT and WANT are byte for byte the same
#   ok_min NAME GOT MIN     GOT >= MIN (decimal numbers)
#   ok_max NAME GOT MAX     GOT <= MAX (whole numbers)
#   ok_grep NAME RE FILE    a line of FILE matches RE (grep's basic syntax)
#   passed NAME             a check done by hand passed ...
#   failed NAME             ... or failed (details may follow on stdout)
#   finish                  prints the counts; its status says if all passed
# and:
#   abs PATH                PATH made absolute (from start_dir)
#   skip WHY                says why and exits 77, which CTest reports skipped
#   usage ARGS              says how the test is run (ARGS after its name), exit 2
#   dump [DB]               a digest of the whole store DB (default $KCHART_DB)
# The golden cases' format (tests/golden/*.test) is read here too, for
# golden/run.sh and mpi/run.sh: golden_args, golden_exit, golden_output.
pass=0 fail=0
start_dir=$(pwd)
abs() { case $1 in /*) echo "$1" ;; *) echo "$start_dir/$1" ;; esac; }
usage() { # usage ARGS: says how the test is run and exits 2
    echo "usage: $0 $1" >&2
    exit 2
}
[ $# -ge 1 ] || usage "KCHART ..."
kchart=$(abs "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

skip() {
    echo "skipped: $1"
    exit 77
}
passed() {
    echo "ok   $1"
    pass=$((pass + 1))
}
failed() {
    echo "FAIL $1"
    fail=$((fail + 1))
}
# A string of one line is shown whole; one of several lines as a diff
# (< wanted, > got).
ok() {
    if [ "$2" = "$3" ]; then
        passed "$1"
    elif [ "$(printf '%s\n%s\n' "$2" "$3" | wc -l)" -eq 2 ]; then
        failed "$1: got [$2], want [$3]"
    else
        failed "$1:"
        printf '%s\n' "$3" >"$tmp/.want"
        printf '%s\n' "$2" >"$tmp/.got"
        diff "$tmp/.want" "$tmp/.got" | head -20
    fi
}
ok_file() {
    if cmp -s "$2" "$3"; then
        passed "$1"
    else
        failed "$1:"
        diff "$2" "$3" | head -10
    fi
}
ok_min() {
    if awk -v g="$2" -v m="$3" 'BEGIN { exit !(g + 0 >= m + 0) }'; then
        passed "$1: $2 >= $3"
    else
        failed "$1: $2 < $3"
    fi
}
ok_max() {
    if [ "$2" -le "$3" ]; then
        passed "$1: $2 <= $3"
    else
        failed "$1: $2 > $3"
    fi
}
ok_grep() {
    if grep -q -- "$2" "$3"; then
        passed "$1"
    else
        failed "$1: no line matches [$2] in:"
        head -10 "$3"
    fi
}
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
# The store's dump, as a digest: not the search's queue of what writes
# touched (search_touch, search_credit; schema step 21), which any write,
# a rebuild's too, adds to until a search empties it.
dump() {
    sqlite3 "${1:-$KCHART_DB}" .dump |
        grep -v '^INSERT INTO search_touch VALUES\|^INSERT INTO search_credit VALUES' | sha256sum
}

# A golden case: its first line "$ kchart ARGS", then "# exit N", then
# exactly what the command prints (tests/golden/run.sh says more).
# The store a run of cases reads (tests/golden, tests/bad): with
# `--build-store DB` the script's build_store makes DB and the script ends
# there (a CTest fixture); with `--store DB` the cases read a copy of DB;
# else a store is built here first. Sets store, and store_shift to the
# arguments it took (for the caller's `shift`).
store_args() { # store_args USAGE-OF-STORE [ARG...]
    what=$1
    shift
    store_shift=0
    if [ "${1:-}" = --build-store ]; then
        [ $# -eq 2 ] || usage "KCHART --build-store DB"
        build_store "$(abs "$2")"
        exit 0
    fi
    if [ "${1:-}" = --store ]; then
        [ $# -ge 2 ] || usage "KCHART --store DB $what"
        store=$(abs "$2")
        store_shift=2
    else
        store=$tmp/store.db
        build_store "$store"
    fi
}

golden_args() { sed -n '1s/^\$ kchart //p' "$1"; }
golden_exit() { sed -n '2s/^# exit \([0-9][0-9]*\)$/\1/p' "$1"; }
golden_output() { sed '1,2d' "$1"; }
