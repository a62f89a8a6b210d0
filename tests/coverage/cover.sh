#!/bin/sh
# Each chart's coverage summed (chart_cover, schema step 14): after every
# kind of write (an ingest appending a period after a gap, whose gap is
# added to the row; a backfill into the gap, which drops it; another
# chart's period; a forget; a chart counted by another cadence) the list
# as kchart reads it (query-charts.sql, the rows brought up to date on
# read) is the walk over every stored period (query-charts-walk.sql), row
# for row, and so is one chart's row read alone (a chart page's); and when
# the rows cannot be written (another writer holds the store), kchart
# answers the same by the walk.
# Usage: cover.sh KCHART
set -u
. "$(dirname "$0")/../lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 not found"
command -v python3 >/dev/null || skip "python3 not found"
bb=$root/tests/fixtures/billboard
sp=$root/tests/fixtures/spotify
sql=$root/src/query/sql
db=$tmp/c.db
export KCHART_DB=$db
cd "$tmp" || exit 1

# run SQLFILE [CHART]: the statement of SQLFILE on the store, :chart bound.
run() {
    if [ $# -ge 2 ]; then p=".parameter set :chart '$2'"; else p=".parameter set :chart NULL"; fi
    printf '%s\n.read %s\n' "$p" "$1" | sqlite3 -csv "$db"
}
# check NAME: the list, and the Hot 100's row alone, as the walk has them.
check() {
    "$kchart" chart billboard-hot-100 --format json >/dev/null 2>&1 # one chart's row
    run "$sql/query-charts-walk.sql" billboard-hot-100 >walk1.csv
    run "$sql/query-charts.sql" billboard-hot-100 >cover1.csv
    ok_file "$1: one chart's row" cover1.csv walk1.csv
    "$kchart" charts --format csv >/dev/null || failed "$1: kchart charts"
    run "$sql/query-charts-walk.sql" >walk.csv
    run "$sql/query-charts.sql" >cover.csv
    ok_file "$1: the list" cover.csv walk.csv
}
# hot NAME WANT: the Hot 100's periods stored, first, latest and missing.
hot() {
    ok "$1" "$(run "$sql/query-charts.sql" billboard-hot-100 | cut -d, -f9-12)" "$2"
}

"$kchart" ingest --quiet "$bb/1973-05-05.json" "$sp/regional-pk-daily-2025-12-01.csv" || exit 1
check "one period each"
hot "one period: its row" "1,1973-05-05,1973-05-05,0"
# row CHART: the chart's row of chart_cover, "" when it has none.
row() {
    sqlite3 "$db" "SELECT periods || ',' || stale FROM chart_cover WHERE chart_id = '$1'"
}
"$kchart" ingest --quiet "$bb/1973-05-19.json" || exit 1
ok "a period after the last: the row kept, stale" "$(row billboard-hot-100)" "1,1"
check "a period after a gap"
hot "a period after a gap: one missing" "2,1973-05-05,1973-05-19,1"
"$kchart" ingest --quiet "$bb/1973-05-12.json" || exit 1
ok "a period before the last: the row dropped" "$(row billboard-hot-100)" ""
check "a backfill into the gap"
hot "a backfill: none missing" "3,1973-05-05,1973-05-19,0"
"$kchart" ingest --quiet "$sp/regional-pk-daily-2025-12-02.csv" || exit 1
check "another chart's period"
"$kchart" forget "$bb/1973-05-12.json" >/dev/null || failed "forget"
ok "a forget: the row dropped" "$(row billboard-hot-100)" ""
check "a forget"
hot "a forget: the gap again" "2,1973-05-05,1973-05-19,1"
sqlite3 "$db" "UPDATE chart SET cadence = 'daily' WHERE id = 'billboard-hot-100'"
check "another cadence"
hot "another cadence: counted by it" "2,1973-05-05,1973-05-19,13"

# Another writer holds the store once a period was ingested: kchart cannot
# write the Hot 100's row and answers at once by the walk (it does not wait
# for the writer), as it does once the writer is gone.
sqlite3 "$db" "UPDATE chart SET cadence = 'weekly' WHERE id = 'billboard-hot-100'"
"$kchart" ingest --quiet "$bb/1973-05-12.json" || exit 1
python3 - "$db" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open("held", "w").close()
time.sleep(8)
c.execute("ROLLBACK")
PY
i=0
while [ ! -f held ] && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done
began=$(date +%s)
"$kchart" charts --format csv >walked.csv 2>walked.err
ok "held by another writer: kchart charts answers" "$?" 0
ok_max "held by another writer: without waiting for it (s)" $(($(date +%s) - began)) 2
wait
ok "held by another writer: the rows not written" \
    "$(sqlite3 "$db" "SELECT count(*) FROM chart_cover WHERE chart_id = 'billboard-hot-100'")" 0
"$kchart" charts --format csv >synced.csv
ok_file "held by another writer: the same list, by the walk" walked.csv synced.csv
finish
