#!/bin/sh
# Golden tests of the CLI: each NAME.cmd holds the arguments of one kchart
# command (run against a store built from ../fixtures); NAME.out is exactly
# what it must print, and its exit code must be 0 unless NAME.code says.
# Usage: run.sh KCHART [--record]
set -u
case $1 in /*) kchart=$1 ;; *) kchart=$(pwd)/$1 ;; esac
record=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KCHART_DB="$tmp/golden.db"
fx="$here/../fixtures"
"$kchart" ingest --quiet "$fx/billboard" "$fx/spotify" || exit 1
"$kchart" ingest --quiet --format generic "$fx/generic-hot100-top5.csv" || exit 1
# Commands run from the fixtures, so that the paths they print are
# relative; $PLAYS names the play-event fixtures.
cd "$fx" || exit 1
export PLAYS=plays
pass=0 fail=0
for cmd in "$here"/*.cmd; do
    name=$(basename "$cmd" .cmd)
    # The arguments are words separated by spaces; "quoted words" stay whole.
    eval "set -- $(cat "$cmd")"
    out=$("$kchart" "$@" 2>&1)
    code=$?
    want_code=$(cat "$here/$name.code" 2>/dev/null || echo 0)
    if [ -n "$record" ]; then
        printf '%s\n' "$out" >"$here/$name.out"
    fi
    if [ "$code" -ne "$want_code" ]; then
        echo "FAIL $name: exit code $code, expected $want_code"; fail=$((fail + 1))
    elif [ "$out" != "$(cat "$here/$name.out")" ]; then
        echo "FAIL $name:"
        printf '%s\n' "$out" | diff "$here/$name.out" - | head -20
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
