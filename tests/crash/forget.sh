#!/bin/sh
# Crash safety of `kchart forget`: a store of 600 Hot 100 files, a catalog,
# sales and units forgets 60 chart files of the middle (a backfill for every
# chart after them), a sales and a units file in one command, and is killed
# with SIGKILL at N random moments of it (default 20; CTest runs 3). After
# each kill PRAGMA integrity_check says ok and the store is whole: its
# `.dump` is byte for byte the store before the forget or the store after
# an uninterrupted one; forgetting again then gives the store after.
# Usage: forget.sh KCHART [N] [SEED]
set -u
. "$(dirname "$0")/../lib.sh"
n=${2:-20} seed=${3:-1}
command -v sqlite3 >/dev/null || skip "sqlite3 not found"
cd "$tmp" || exit 1
# One clock for every run: the events a commit learns carry its time.
export KCHART_NOW=2026-12-06T12:00:00Z
zstd -dcq "$root/data/billboard-hot100.tar.zst" | tar -xf - || exit 1
mkdir charts gone
ls billboard-hot100/date | head -600 | while read -r f; do
    ln -s "$tmp/billboard-hot100/date/$f" "charts/$f"
done
ls charts | sed -n '271,330p' | while read -r f; do echo "charts/$f"; done >gone.list
sales=$root/tests/sales
"$kchart" catalog import --db before.db "$sales/catalog.json" >/dev/null &&
    "$kchart" ingest --quiet --db before.db charts &&
    "$kchart" sales import --db before.db "$sales/dawn.csv" "$sales/morning.csv" >/dev/null &&
    "$kchart" units import --db before.db "$sales/units.csv" >/dev/null || exit 1
sqlite3 before.db .dump >before.dump
# The uninterrupted forget, and how long it takes (the kills fall within).
cp before.db after.db
start=$(date +%s%N)
"$kchart" forget --db after.db $(cat gone.list) "$sales/morning.csv" "$sales/units.csv" \
    >/dev/null || exit 1
took=$((($(date +%s%N) - start) / 1000000))
sqlite3 after.db .dump >after.dump
cmp -s before.dump after.dump && { failed "the forget changed nothing"; exit 1; }
echo "uninterrupted forget: $took ms"

rnd=$seed
next() { rnd=$(((rnd * 1103515245 + 12345) % 2147483648)); }
i=0 was_before=0 was_after=0
while [ $i -lt "$n" ]; do
    i=$((i + 1))
    next
    at=$((rnd % (took + took / 4 + 1))) # sometimes after the end
    rm -f k.db k.db-wal k.db-shm
    cp before.db k.db
    "$kchart" forget --db k.db $(cat gone.list) "$sales/morning.csv" "$sales/units.csv" \
        >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v ms=$at 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    integrity=$(sqlite3 k.db "PRAGMA integrity_check" 2>&1)
    if [ "$integrity" != ok ]; then
        failed "kill $i at $at ms: integrity_check: $integrity"
        continue
    fi
    sqlite3 k.db .dump >k.dump
    if cmp -s k.dump before.dump; then
        state=before was_before=$((was_before + 1))
    elif cmp -s k.dump after.dump; then
        state=after was_after=$((was_after + 1))
    else
        failed "kill $i at $at ms: the store is neither before nor after:"
        diff before.dump k.dump | head -5
        continue
    fi
    if [ $state = before ]; then
        "$kchart" forget --db k.db $(cat gone.list) "$sales/morning.csv" "$sales/units.csv" \
            >/dev/null || { failed "kill $i: forgetting again"; continue; }
        sqlite3 k.db .dump >k.dump
        cmp -s k.dump after.dump || { failed "kill $i: forgetting again: not the store after"; continue; }
    fi
    passed "kill $i at $at ms: the store $state, whole"
done
echo "$was_before kills left the store before, $was_after after"
finish
