#!/bin/sh
# Forgetting a file: for each kind of file (a chart file appended and one
# backfilled, a catalog, a series, a sales and a units file), a store that
# ingested A then B and forgot B dumps (`sqlite3 .dump`) exactly as a store
# that only ever had A; the times files were ingested (ingest_file.at) are
# the one thing masked. Then: forgetting by digest once the file is gone,
# --dry-run, several files at once, a snapshot two files hold, a file whose
# snapshot another replaced, a row a later file changed, and the messages.
# Usage: run.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 not found"
fx=$root/tests/fixtures
bb=$fx/billboard
sales=$root/tests/sales
ms=$root/tests/milestones
cd "$tmp" || exit 1

# The store's dump with the times of ingest masked.
# The times, the high-water mark of event ids (AUTOINCREMENT: an id a
# forgotten event had is never given again, so that a hook's cursor holds),
# and the search's queue of what writes touched (schema step 21: the
# forget adds to it) left out.
masked() {
    sqlite3 "$1" .dump | sed -E "s/'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z'/'TIME'/g" |
        grep -v "^INSERT INTO sqlite_sequence VALUES('event'," |
        grep -v '^INSERT INTO search_touch VALUES\|^INSERT INTO search_credit VALUES' |
        grep -v "^DELETE FROM sqlite_sequence;$"
}
# A store of a bit of everything, made by the commands of $base.
base() {
    "$kchart" catalog import "$sales/catalog.json" &&
        "$kchart" ingest --quiet "$bb/1973-05-05.json" &&
        "$kchart" catalog import "$ms/catalog.json" &&
        "$kchart" series import "$ms/followers.csv" "$ms/streams-1.csv" &&
        "$kchart" sales import "$sales/dawn.csv" &&
        "$kchart" units import "$here/units-a.csv"
}
# same NAME A B FORGET: the store of base, then A, then B, then `forget
# FORGET` dumps as the store of base and A.
same() {
    rm -f only.db both.db
    (export KCHART_DB=only.db && base && eval "$2") >/dev/null 2>&1 ||
        { failed "$1: the store without it"; return; }
    (export KCHART_DB=both.db && base && eval "$2" && eval "$3") >/dev/null 2>&1 ||
        { failed "$1: the store with it"; return; }
    KCHART_DB=both.db "$kchart" forget $4 >forget.out 2>&1 ||
        { failed "$1: forget: $(cat forget.out)"; return; }
    masked only.db >only.dump
    masked both.db >both.dump
    ok_file "$1: as if never ingested" only.dump both.dump
}

same "chart file, the newest period" : \
    "'$kchart' ingest --quiet '$bb/1973-05-12.json'" "$bb/1973-05-12.json"
same "chart file, a period before the newest (a backfill)" \
    "'$kchart' ingest --quiet '$bb/1973-05-19.json'" \
    "'$kchart' ingest --quiet '$bb/1973-05-12.json'" "$bb/1973-05-12.json"
same "chart files of another chart" : \
    "'$kchart' ingest --quiet '$fx/spotify'" \
    "$fx/spotify/regional-pk-daily-2025-12-01.csv $fx/spotify/regional-pk-daily-2025-12-02.csv"
same "catalog file" : "'$kchart' catalog import '$sales/certs-catalog.json'" \
    "$sales/certs-catalog.json"
same "catalog file that changes an artist" "'$kchart' catalog import '$here/market-a.json'" \
    "'$kchart' catalog import '$here/market-b.json'" "$here/market-b.json"
same "series file" : "'$kchart' series import '$ms/streams-2.csv'" "$ms/streams-2.csv"
same "sales file" : "'$kchart' sales import '$sales/morning.csv'" "$sales/morning.csv"
same "units file (a week of the units chart changed)" : \
    "'$kchart' units import '$here/units-b.csv'" "$here/units-b.csv"
same "two files at once" : \
    "'$kchart' ingest --quiet '$bb/1973-05-12.json' && '$kchart' sales import '$sales/morning.csv'" \
    "$sales/morning.csv $bb/1973-05-12.json"
ok "what it says" "$(cat forget.out)" \
    "forgot $sales/morning.csv (sales file 0c6b7e516c1d8c86ab1ca93678098d4e): 0 snapshots, 8 rows, 0 events
forgot $bb/1973-05-12.json (chart file e8990d330a905aa8acccd067e9144c7d): 1 snapshot, 0 rows, 1 event"

# By digest, once the file is gone.
cp "$sales/morning.csv" gone.csv
same "by digest, the file gone" : "'$kchart' sales import gone.csv && rm gone.csv" \
    0c6b7e516c1d8c86ab1ca93678098d4e
ok "by digest: says the path it came from" "$(cat forget.out)" \
    "forgot gone.csv (sales file 0c6b7e516c1d8c86ab1ca93678098d4e): 0 snapshots, 8 rows, 0 events"

# --dry-run: what would go, and the store as it was.
export KCHART_DB="$tmp/dry.db"
base >/dev/null 2>&1 && "$kchart" ingest --quiet "$bb/1973-05-12.json" || exit 1
before=$(masked dry.db)
ok "dry run: what would go" "$("$kchart" forget --dry-run "$bb/1973-05-12.json")" \
    "would forget $bb/1973-05-12.json (chart file e8990d330a905aa8acccd067e9144c7d): 1 snapshot, 0 rows, 1 event"
ok "dry run: nothing changed" "$(masked dry.db)" "$before"

# A snapshot two files hold (the same rows in other bytes) stays with the
# other, under its name: as if only the other had been ingested.
rm -f only.db both.db
(export KCHART_DB=only.db && base && "$kchart" ingest --quiet "$here/1973-05-19-again.json") >/dev/null 2>&1
(export KCHART_DB=both.db && base && "$kchart" ingest --quiet "$bb/1973-05-19.json" &&
    "$kchart" ingest --quiet "$here/1973-05-19-again.json") >/dev/null 2>&1
ok "held by two: nothing of its own" "$(KCHART_DB=both.db "$kchart" forget "$bb/1973-05-19.json")" \
    "forgot $bb/1973-05-19.json (chart file 345136d5d9fc63b70adba9d0db1b360d): nothing to forget: what it stored is another file's now"
# The registry's own rows differ here, and only they: the other file was
# registered after the one forgotten (its id).
masked only.db | grep -v '^INSERT INTO ingest_' >only.dump
masked both.db | grep -v '^INSERT INTO ingest_' >both.dump
ok_file "held by two: as if only the other had been ingested" only.dump both.dump
ok "held by two: the other file's registry row" \
    "$(sqlite3 both.db "SELECT f.path, s.source FROM ingest_file f JOIN ingest_snapshot s ON s.file_id = f.id WHERE s.period = '1973-05-19'")" \
    "$here/1973-05-19-again.json|1973-05-19-again.json"

# A file that replaced another's snapshot (--replace): the rows it replaced
# are not kept, so forgetting it alone is refused, the store unchanged.
export KCHART_DB="$tmp/replaced.db"
base >/dev/null 2>&1 && "$kchart" ingest --quiet "$bb/1973-05-19.json" &&
    "$kchart" ingest --quiet --replace "$here/1973-05-19-fixed.json" || exit 1
before=$(masked replaced.db)
out=$("$kchart" forget "$here/1973-05-19-fixed.json" 2>&1)
ok "replaced: refused" "$? $out" \
    "1 kchart: $here/1973-05-19-fixed.json: it replaced billboard-hot-100 1973-05-19 of $bb/1973-05-19.json (--replace), whose rows are not kept; forget that file too, or ingest it again with --replace after"
ok "replaced: store unchanged" "$(masked replaced.db)" "$before"
ok "replaced: both at once go" \
    "$("$kchart" forget "$here/1973-05-19-fixed.json" "$bb/1973-05-19.json" | cut -d: -f2-)" \
    " 1 snapshot, 0 rows, 1 event
 0 snapshots, 0 rows, 1 event"

# A row a later file changed: refused, naming the table, the store unchanged.
export KCHART_DB="$tmp/changed.db"
base >/dev/null 2>&1 && "$kchart" catalog import "$here/market-a.json" >/dev/null &&
    "$kchart" catalog import "$here/market-b.json" >/dev/null || exit 1
before=$(masked changed.db)
out=$("$kchart" forget "$here/market-a.json" 2>&1)
ok "changed since: refused" "$? $out" \
    "1 kchart: $here/market-a.json: rows it stored in artist were changed since by a later file or command; forget that first"
ok "changed since: store unchanged" "$(masked changed.db)" "$before"

# A row a later file names (a release its sales rows are of): refused.
export KCHART_DB="$tmp/named.db"
"$kchart" catalog import "$sales/catalog.json" >/dev/null &&
    "$kchart" sales import "$sales/dawn.csv" >/dev/null || exit 1
before=$(masked named.db)
out=$("$kchart" forget "$sales/catalog.json" 2>&1)
ok "named since: refused" "$? $out" \
    "1 kchart: $sales/catalog.json: rows it stored are still named by rows of a later file or command; forget that first"
ok "named since: store unchanged" "$(masked named.db)" "$before"
ok "named since: both at once go" \
    "$("$kchart" forget "$sales/catalog.json" "$sales/dawn.csv" | cut -d: -f2-)" \
    " 0 snapshots, 15 rows, 1 event
 0 snapshots, 8 rows, 0 events"
ok "named since: nothing left" \
    "$(sqlite3 named.db "SELECT (SELECT count(*) FROM sale) + (SELECT count(*) FROM release) + (SELECT count(*) FROM artist) + (SELECT count(*) FROM ingest_file) + (SELECT count(*) FROM event)")" 0

# The messages.
out=$("$kchart" forget "$fx/charts-bad-ranks.csv" 2>&1)
ok "a file never ingested" "$? $out" \
    "3 kchart: $fx/charts-bad-ranks.csv: unknown file: no file with its bytes was ingested (digest 661523ff8a7bdff16900f875591aa410)"
out=$("$kchart" forget 00000000000000000000000000000000 2>&1)
ok "an unknown digest" "$? $out" \
    "3 kchart: 00000000000000000000000000000000: unknown file: no file with its bytes was ingested (digest 00000000000000000000000000000000)"
out=$("$kchart" forget no-such-file.csv 2>&1)
ok "no such file" "$? $(echo "$out" | head -1)" \
    "4 kchart: no-such-file.csv: cannot open: No such file or directory"
finish
