#!/bin/sh
# Forgetting a file amid a real archive: the first 600 files of the Hot 100
# ingested, then the 300th forgotten (every chart after it derived again),
# against the 599 others ingested alone. The two stores hold the same, each
# id replaced by what it names (content.sql: snapshots by chart and period,
# songs by title and credit, artists by name), and the same song ids; what
# differs is which song holds an id given after the file: the forgetting
# store keeps the ids it gave (ids never move, docs/entities.md), the other
# gave them in another order. `kchart verify` says the same of both.
# Usage: archive.sh KCHART [FILES]
set -u
. "$(dirname "$0")/../lib.sh"
files=${2:-600}
command -v sqlite3 >/dev/null || skip "sqlite3 not found"
cd "$tmp" || exit 1
zstd -dcq "$root/data/billboard-hot100.tar.zst" | tar -xf - || exit 1
mkdir all without
gone=$(ls billboard-hot100/date | head -"$files" | sed -n "$((files / 2))p")
ls billboard-hot100/date | head -"$files" | while read -r f; do
    ln -s "$tmp/billboard-hot100/date/$f" "all/$f"
    [ "$f" = "$gone" ] || ln -s "$tmp/billboard-hot100/date/$f" "without/$f"
done
"$kchart" ingest --quiet --db with.db all || exit 1
"$kchart" ingest --quiet --db without.db without || exit 1
out=$("$kchart" forget --db with.db "all/$gone") || exit 1
ok "forget says" "$out" "forgot all/$gone (chart file $(echo "$out" | sed 's/.*chart file \([0-9a-f]*\).*/\1/')): 1 snapshot, 0 rows, 1 event"
sqlite3 with.db <"$here/content.sql" >with.content
sqlite3 without.db <"$here/content.sql" >without.content
ok_file "the same content, ids aside" with.content without.content
ok "the same song ids" "$(sqlite3 with.db "SELECT group_concat(id) FROM (SELECT id FROM song ORDER BY id)" | cksum)" \
    "$(sqlite3 without.db "SELECT group_concat(id) FROM (SELECT id FROM song ORDER BY id)" | cksum)"
ok "verify says the same" "$("$kchart" verify --db with.db)" "$("$kchart" verify --db without.db)"
finish
