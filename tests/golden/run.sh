#!/bin/sh
# Golden tests of the CLI, one case a file (like jq's jq.test and curl's
# tests/data/testNNNN). NAME.test holds, in this order:
#     $ kchart ARGS      the command (words split as the shell splits them:
#                        "quoted words" stay whole, $PLAYS is expanded)
#     # exit N           the exit code it must end with
#     ...                every line after: exactly what it must print,
#                        stdout and stderr together (2>&1), byte for byte
# A case runs in tests/fixtures, so that the paths it prints are relative
# ($PLAYS names the play-event fixtures there), against its own copy of a
# store of the fixtures (billboard/ and spotify/, and the generic CSV
# generic-hot100-top5.csv).
#
# Usage: run.sh KCHART [--store DB] [CASE.test...]
#   the cases named (default: every one here), each against a copy of DB
#   (default: a store built here first); CTest runs each case on its own,
#   as the test golden/NAME, after golden_store has built DB with
#        run.sh KCHART --build-store DB
# `kchart --version`'s commit is shown as "(git DESCRIBE)".
# KC_GOLDEN_UPDATE=1 writes each case's exit code and output into its file
# instead of checking them (read the diff before committing it).
set -u
. "$(dirname "$0")/../lib.sh"
fx=$root/tests/fixtures

build_store() { # build_store DB: the fixtures' store, written whole or not at all
    export KCHART_DB="$tmp/building.db"
    "$kchart" ingest --quiet "$fx/billboard" "$fx/spotify" || exit 1
    "$kchart" ingest --quiet --format generic "$fx/generic-hot100-top5.csv" || exit 1
    mv "$KCHART_DB" "$1" || exit 1
    unset KCHART_DB
}

run_case() { # run_case FILE
    name=$(basename "$1" .test)
    args=$(golden_args "$1") want_code=$(golden_exit "$1")
    if [ -z "$args" ] || [ -z "$want_code" ]; then
        failed "$name: not a case (line 1: \$ kchart ARGS, line 2: # exit N)"
        return
    fi
    cp "$store" "$tmp/case.db" || exit 1
    (export KCHART_DB="$tmp/case.db" PLAYS=plays && cd "$fx" &&
        eval "set -- $args" && exec "$kchart" "$@") >"$tmp/raw" 2>&1
    code=$?
    # The commit a binary was built from changes with every commit:
    # `kchart --version` shows it as "(git DESCRIBE)".
    sed 's/^\(kchart [0-9.]*\) (git [^)]*)$/\1 (git DESCRIBE)/' "$tmp/raw" >"$tmp/got"
    if [ "${KC_GOLDEN_UPDATE:-}" = 1 ]; then
        { sed -n 1p "$1" && echo "# exit $code" && cat "$tmp/got"; } >"$tmp/case" &&
            cat "$tmp/case" >"$1" && passed "$name: written"
        return
    fi
    golden_output "$1" >"$tmp/want"
    if [ "$code" -ne "$want_code" ]; then
        failed "$name: exit code $code, expected $want_code; it printed:"
        head -20 "$tmp/got"
    elif ! cmp -s "$tmp/want" "$tmp/got"; then
        failed "$name: output (< expected, > got):"
        diff "$tmp/want" "$tmp/got" | head -20
    else
        passed "$name"
    fi
}

shift
store_args "CASE..." "$@"
shift $store_shift
[ $# -gt 0 ] || set -- "$here"/*.test
for f in "$@"; do
    run_case "$(abs "$f")"
done
finish
