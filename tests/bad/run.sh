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
# Usage: run.sh KCHART [--record]   (--record writes the .err files anew)
set -u
case $1 in /*) kchart=$1 ;; *) kchart=$(pwd)/$1 ;; esac
record=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/base.db"
"$kchart" ingest --quiet --db "$db" "$here/../fixtures/billboard" "$here/../fixtures/spotify" || exit 1
"$kchart" catalog import --db "$db" "$here/../milestones/catalog.json" >/dev/null || exit 1
dump() { sqlite3 "$db" .dump | sha256sum; }
before=$(dump)
pass=0 fail=0
cd "$here" || exit 1
mkdir -p expected
for f in *.json *.csv *.plays series-*/; do
    f=${f%/}
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
    if [ -n "$record" ]; then
        printf '%s\n' "$err" >"expected/$f.err"
    fi
    want=$(cat "expected/$f.err" 2>/dev/null)
    after=$(dump)
    if [ "$code" -ne 1 ]; then
        echo "FAIL $f: exit code $code, expected 1"; fail=$((fail + 1))
    elif [ "$err" != "$want" ]; then
        echo "FAIL $f: message"; echo "  got:  $err"; echo "  want: $want"; fail=$((fail + 1))
    elif [ "$after" != "$before" ]; then
        echo "FAIL $f: the store changed"; fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
