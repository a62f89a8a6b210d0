#!/bin/sh
# The bad-input corpus: every file here must be refused with exactly the
# message in expected/<file>.err, exit code 1, and leave the store as it was.
# Chart files (*.json, *.csv) and series datasets (series-*/: a song map and
# per-song rank series) go through `kchart ingest`, play-event files
# (*.plays: CSV or kchart's binary format) through `kchart compile`,
# catalog files (cat-*) through `kchart catalog import`, files of totals and
# followers (totals-*) through `kchart series import` (the store holds a
# small catalog for them), sales reports (sales-*) through `kchart sales
# import`, album units inputs (units-*) through `kchart units import` and
# certification rules (certs-*) through `kchart certs rules`.
#
# Usage: run.sh KCHART [--store DB] [FILE...]
#   the files named (relative to tests/bad; default: every one), each
#   against a copy of DB (default: a store built here first); CTest runs
#   each file on its own, as the test bad/FILE, after bad_store has built
#   DB with
#        run.sh KCHART --build-store DB
# KC_GOLDEN_UPDATE=1 writes each file's message into expected/ instead of
# checking it (the exit code and the store are still checked).
set -u
. "$(dirname "$0")/../lib.sh"

build_store() { # build_store DB: the fixtures and a catalog, whole or not at all
    "$kchart" ingest --quiet --db "$tmp/building.db" "$root/tests/fixtures/billboard" \
        "$root/tests/fixtures/spotify" || exit 1
    "$kchart" catalog import --db "$tmp/building.db" "$root/tests/milestones/catalog.json" \
        >/dev/null || exit 1
    mv "$tmp/building.db" "$1" || exit 1
}

run_case() { # run_case FILE (relative to tests/bad)
    f=${1%/}
    db=$tmp/case.db
    cp "$store" "$db" || exit 1
    before=$(dump "$db")
    case $f in
    cat-*) err=$("$kchart" catalog import --db "$db" "$f" 2>&1 >/dev/null) ;;
    totals-*) err=$("$kchart" series import --db "$db" "$f" 2>&1 >/dev/null) ;;
    sales-*) err=$("$kchart" sales import --db "$db" "$f" 2>&1 >/dev/null) ;;
    units-*) err=$("$kchart" units import --db "$db" "$f" 2>&1 >/dev/null) ;;
    certs-*) err=$("$kchart" certs rules --db "$db" "$f" 2>&1 >/dev/null) ;;
    *.plays) err=$("$kchart" compile --db "$db" "$f" 2>&1 >/dev/null) ;;
    *) err=$("$kchart" ingest --quiet --db "$db" "$f" 2>&1 >/dev/null) ;;
    esac
    code=$?
    if [ "${KC_GOLDEN_UPDATE:-}" = 1 ]; then
        printf '%s\n' "$err" >"expected/$f.err"
    fi
    want=$(cat "expected/$f.err" 2>/dev/null)
    if [ "$code" -ne 1 ]; then
        failed "$f: exit code $code, expected 1"
    elif [ "$err" != "$want" ]; then
        failed "$f: message"
        echo "  got:  $err"
        echo "  want: $want"
    elif [ "$(dump "$db")" != "$before" ]; then
        failed "$f: the store changed"
    else
        passed "$f"
    fi
}

shift
store_args "FILE..." "$@"
shift $store_shift
cd "$here" || exit 1
[ $# -gt 0 ] || set -- *.json *.csv *.plays series-*/
mkdir -p expected
for f in "$@"; do
    run_case "$f"
done
finish
