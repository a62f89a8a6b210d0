#!/bin/sh
# tests/crash/full.sh KCHART: a store that cannot grow (the file size limit
# of `ulimit -f`, as a full disk: writes fail with EFBIG) while the bundled
# Hot 100 archive is ingested. Some groups of files commit, then one COMMIT
# fails: the summary must count what the store holds, not the group rolled
# back (it said "3072 snapshots stored" with 2,816 in the store), the exit
# is the store's (4), and the store stays whole and usable.
set -u
. "$(dirname "$0")/../lib.sh"
command -v zstd >/dev/null || skip "zstd is not installed"
tar --zstd -xf "$root/data/billboard-hot100.tar.zst" -C "$tmp" || exit 1
db=$tmp/full.db
# 20 MB of store: about 2,800 of the 3,549 charts fit.
(trap '' XFSZ; ulimit -f 20000; "$kchart" ingest --db "$db" "$tmp/billboard-hot100" \
    >"$tmp/out" 2>"$tmp/err")
code=$?
ok "exit code: the store's" "$code" 4
ok_grep "the error is the store's" "store:" "$tmp/err"
stored=$(sed -n "s/.*files: \([0-9]*\) snapshots stored.*/\1/p" "$tmp/err")
held=$(sqlite3 "$db" "SELECT count(*) FROM snapshot")
ok_min "some groups committed" "$held" 256
ok "the summary counts what the store holds" "$stored" "$held"
ok "the store is whole" "$(sqlite3 "$db" "PRAGMA integrity_check")" ok
"$kchart" verify --db "$db" >/dev/null
ok "verify runs on what was stored" "$?" 0
finish
