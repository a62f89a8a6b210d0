#!/bin/sh
# Crash safety: `kchart ingest` of the whole Hot 100 archive (3,549 files) is
# killed with SIGKILL at N random moments (default 100; CTest runs 3). After
# each kill:
#   - PRAGMA integrity_check says ok;
#   - every file is wholly present or wholly absent: the stored snapshots are
#     the first files in period order, each with the digest, the rows and
#     the entries (song, last, peak, periods, streak) of an uninterrupted
#     ingest;
#   - finishing the ingest gives exactly the database of an uninterrupted run
#     (the same `.dump`, byte for byte, but for the times files were
#     ingested, and with serve the registry's rows of the files).
# With `serve` as the fourth argument the writer is `kchart serve` instead,
# taking the files one POST /api/ingest at a time (post_all.py, in period
# order), and the server is the process killed; finishing is the same CLI
# ingest.
# Usage: run.sh KCHART [N] [SEED] [ingest|serve]
set -u
. "$(dirname "$0")/../lib.sh"
n=${2:-100} seed=${3:-1} mode=${4:-ingest}
command -v sqlite3 >/dev/null || skip "sqlite3 not found"
cd "$tmp" || exit 1
zstd -dcq "$root/data/billboard-hot100.tar.zst" | tar -xf - || exit 1
data=$tmp/billboard-hot100/date
# The stored news' events carry the time their commit ran: one time for
# every run, so that the stores compare byte for byte (docs/news.md).
KCHART_NOW=2026-01-01T00:00:00Z
export KCHART_NOW

# Starts `kchart serve` on db with a write token: sets pid, port and token.
serve_start() {
    token=$("$kchart" token create crash --db "$1") || exit 1
    "$kchart" serve --db "$1" --port 0 --web /nonexistent >serve.out 2>/dev/null &
    pid=$!
    tries=0
    until grep -q http:// serve.out 2>/dev/null; do
        tries=$((tries + 1)); [ $tries -lt 200 ] || { echo "kchart serve did not start"; exit 1; }
        sleep 0.05
    done
    port=$(sed 's|.*http://[^:]*:\([0-9]*\)/.*|\1|' serve.out)
}

# A store's .dump, the times files were ingested (ingest_file.at) masked:
# a run at another second stores another time. With serve, without the
# registry's rows of the files: it names a POSTed file by its name, the
# CLI by its path.
timeless_dump() {
    sqlite3 "$1" .dump | sed -E "s/'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z'/'TIME'/g" |
        if [ "$mode" = serve ]; then grep -v '^INSERT INTO ingest_file'; else cat; fi
}

# The uninterrupted ingest, and how long it takes (the kills fall within).
start=$(date +%s%N)
"$kchart" ingest --quiet --db ref.db "$data" || exit 1
took=$((($(date +%s%N) - start) / 1000000))
timeless_dump ref.db >ref.dump
if [ "$mode" = serve ]; then
    # The same through the server, to time it and to see that it stores the
    # same database as the CLI.
    start=$(date +%s%N)
    serve_start served.db
    python3 "$here/post_all.py" "$port" "$token" "$data" || { failed "posting"; exit 1; }
    took=$((($(date +%s%N) - start) / 1000000))
    kill $pid; wait $pid
    # The server takes a file at a time and derives no credits (artists,
    # docs/entities.md): the next CLI ingest does, here of a file it holds.
    "$kchart" ingest --quiet --db served.db "$data/$(ls "$data" | tail -1)" || exit 1
    sqlite3 served.db "DELETE FROM token"
    timeless_dump served.db >served.dump
    ok_file "served = ingested" ref.dump served.dump
fi
# What "wholly present" means, per snapshot: its digest, rows and entries.
shape() {
    sqlite3 "$1" "SELECT s.chart_id, s.period, s.digest,
        (SELECT count(*) FROM observation o WHERE o.snapshot_id = s.id),
        (SELECT count(*) FROM entry e WHERE e.snapshot_id = s.id)
        FROM snapshot s ORDER BY 1, 2"
}
shape ref.db >ref.shape
entries() {
    sqlite3 "$1" "SELECT s.chart_id, s.period, e.rank, e.song_id, e.last, e.peak,
        e.periods, e.streak FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
        ORDER BY 1, 2, 3"
}
entries ref.db >ref.entries
echo "uninterrupted: $took ms, $(wc -l <ref.shape) snapshots"

# A small random generator of our own (the shell's $RANDOM is not POSIX).
rnd=$seed
next() { rnd=$(((rnd * 1103515245 + 12345) % 2147483648)); }
i=0
while [ $i -lt "$n" ]; do
    i=$((i + 1))
    next
    at=$((rnd % (took + 200))) # ms after the start; sometimes after the end
    rm -f k.db k.db-wal k.db-shm
    if [ "$mode" = serve ]; then
        serve_start k.db
        python3 "$here/post_all.py" "$port" "$token" "$data" 2>/dev/null &
        client=$!
    else
        "$kchart" ingest --quiet --db k.db "$data" &
        pid=$!
    fi
    sleep "$(awk -v ms=$at 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    [ "$mode" = serve ] && { kill $client 2>/dev/null; wait $client 2>/dev/null; }
    [ "$mode" = serve ] && sqlite3 k.db "DELETE FROM token" # not in the reference
    integrity=$(sqlite3 k.db "PRAGMA integrity_check" 2>&1)
    if [ "$integrity" != ok ]; then
        failed "kill $i at $at ms: integrity_check: $integrity"; continue
    fi
    # Each stored snapshot whole: the same line as the uninterrupted run's.
    shape k.db >k.shape
    stored=$(wc -l <k.shape)
    if [ -n "$(comm -23 k.shape ref.shape)" ]; then
        failed "kill $i at $at ms: a snapshot differs from the uninterrupted run's:"
        comm -23 k.shape ref.shape | head -3; continue
    fi
    # The files stored are the first ones, in period order (no gap).
    if [ "$(head -n "$stored" ref.shape)" != "$(cat k.shape)" ]; then
        failed "kill $i at $at ms: the stored snapshots are not the first $stored"
        continue
    fi
    entries k.db >k.entries
    if [ "$(head -n "$(wc -l <k.entries)" ref.entries)" != "$(cat k.entries)" ]; then
        failed "kill $i at $at ms: the stored entries differ from the uninterrupted run's"
        continue
    fi
    "$kchart" ingest --quiet --db k.db "$data" ||
        { failed "kill $i: finishing"; continue; }
    timeless_dump k.db >k.dump
    if cmp -s ref.dump k.dump; then
        passed "kill $i at $at ms: $stored of $(wc -l <ref.shape) files stored, whole; finished = uninterrupted"
    else
        failed "kill $i at $at ms ($stored stored): finished database differs:"
        diff ref.dump k.dump | head -5
    fi
done
finish
