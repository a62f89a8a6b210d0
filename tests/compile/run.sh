#!/bin/sh
# `kchart compile` end to end, beyond the rule edges of the golden tests:
#   - the binary format gives the charts of the CSV it was converted from;
#   - one file or the same plays spread over several files (users' plays in
#     more than one file), CSV, binary or both: the same charts;
#   - any number of threads: the same charts;
#   - partial counts of disjoint sets of users, merged, give the charts of
#     the whole, for several partitionings (and a merge of merges);
#   - --skip-bad leaves malformed plays out, counts them and gives the
#     charts of the good ones;
#   - stored charts: snapshots of plays-<chart>-<cadence> with the ranks and
#     scores printed, and compiling the same plays again changes nothing.
# Usage: run.sh KCHART GEN_PLAYS
set -u
. "$(dirname "$0")/../lib.sh"
[ $# -ge 2 ] || usage "KCHART GEN_PLAYS"
gen=$(abs "$2")
cd "$tmp" || exit 1
rules="--cap 10 --weight free=1/3 --top 50"

# 300,000 plays of one day, then split by user (the plays of a user go to
# one part) and by line (a user's plays spread over several files).
"$gen" --events 300000 --seed 7 --out all.csv || exit 1
"$kchart" compile $rules --format csv all.csv >whole.csv 2>/dev/null || exit 1
[ "$(wc -l <whole.csv)" -gt 1000 ] || { failed "too few rows in whole.csv"; exit 1; }

"$kchart" plays convert all.csv all.bin >/dev/null || exit 1
"$kchart" compile $rules --format csv all.bin >out.csv 2>/dev/null
ok_file "binary = csv" whole.csv out.csv

for t in 1 2 3; do
    "$kchart" compile $rules --threads $t --format csv all.bin >out.csv 2>/dev/null
    ok_file "threads $t" whole.csv out.csv
done

# by line: users spread over three files, as CSV, binary and a mix
awk -v h="$(head -n 1 all.csv)" 'NR > 1 { f = "line" (NR % 3) ".csv";
    if (!(f in seen)) { print h > f; seen[f] = 1 } print > f }' all.csv
for i in 0 1 2; do "$kchart" plays convert line$i.csv line$i.bin >/dev/null || exit 1; done
"$kchart" compile $rules --format csv line0.csv line1.csv line2.csv >out.csv 2>/dev/null
ok_file "users over 3 csv files" whole.csv out.csv
"$kchart" compile $rules --format csv line0.bin line1.bin line2.bin >out.csv 2>/dev/null
ok_file "users over 3 binary files" whole.csv out.csv
"$kchart" compile $rules --format csv line0.bin line1.csv line2.bin >out.csv 2>/dev/null
ok_file "users over csv and binary files" whole.csv out.csv

# partial + merge = whole, for 2, 3 and 5 parts by user
for k in 2 3 5; do
    rm -f part*.csv counts*
    awk -F, -v k=$k -v h="$(head -n 1 all.csv)" 'NR > 1 { f = "part" ($2 % k) ".csv";
        if (!(f in seen)) { print h > f; seen[f] = 1 } print > f }' all.csv
    i=0
    for p in part*.csv; do
        "$kchart" compile $rules --partial counts$i "$p" >/dev/null || exit 1
        i=$((i + 1))
    done
    "$kchart" compile $rules --merge --format csv counts* >out.csv 2>/dev/null
    ok_file "partial + merge, $k parts" whole.csv out.csv
done
# a merge of merges (the last partitioning: 5 parts, as 2 + 3)
"$kchart" compile $rules --merge --partial m1 counts0 counts1 >/dev/null &&
    "$kchart" compile $rules --merge --partial m2 counts2 counts3 counts4 >/dev/null &&
    "$kchart" compile $rules --merge --format csv m1 m2 >out.csv 2>/dev/null
ok_file "merge of merges" whole.csv out.csv
# partial counts made under other rules do not merge
if "$kchart" compile --cap 5 --merge --format csv m1 >/dev/null 2>err.txt; then
    failed "a merge under another cap succeeded"
else
    ok_grep "a merge under another cap" "counted under other rules" err.txt
fi

# --skip-bad: three malformed lines among the good ones
{ head -n 1000 all.csv; echo "1793491200000,1,2,kr,p1,gold,60000";
  echo "not a time,1,2,kr,p1,free,60000"; echo "1793491200000,1,2,kr"; } >bad.csv
head -n 1000 all.csv >good.csv
"$kchart" compile $rules --format csv good.csv >want.csv 2>/dev/null
if "$kchart" compile $rules --format csv bad.csv >/dev/null 2>&1; then
    failed "malformed plays compiled without --skip-bad"
fi
"$kchart" compile $rules --skip-bad --format csv bad.csv >out.csv 2>err.txt
ok_file "--skip-bad" want.csv out.csv
ok_grep "--skip-bad summary" "999 plays: .*, 3 malformed skipped" err.txt
ok_grep "--skip-bad report" "^kchart: skipped: bad.csv:1002:1: ts must be" err.txt

# a CSV file is read in ranges on several threads: bad lines in different
# ranges are reported with their line numbers in the file, in order
awk 'NR == 1001 { print "1793491200000,1,2,kr,p1,gold,60000" }
     NR == 250001 { print "1793491200000,x,2,kr,p1,free,60000" } { print }' all.csv >twobad.csv
"$kchart" compile $rules --threads 3 --format csv twobad.csv >/dev/null 2>err.txt
ok_grep "first bad line" "^kchart: twobad.csv:1001:25: tier must be premium or free" err.txt
"$kchart" compile $rules --threads 3 --skip-bad --format csv twobad.csv >out.csv 2>err.txt
ok_file "--skip-bad over ranges" whole.csv out.csv
ok "bad lines over ranges" \
    "$(grep -c '^kchart: skipped: twobad.csv:\(1001:25\|250002:15\): ' err.txt)" 2

# into the store, and again: nothing changes
"$kchart" compile $rules --db k.db all.bin >store1.txt || exit 1
"$kchart" compile $rules --db k.db all.bin >store2.txt || exit 1
ok_grep "first store" "; [1-9][0-9]* snapshots stored, 0 unchanged" store1.txt
ok_grep "second store" "; 0 snapshots stored, [1-9][0-9]* unchanged" store2.txt
chart=$(awk -F, 'NR == 2 { print $1 }' whole.csv)
period=$(awk -F, 'NR == 2 { print $2 }' whole.csv)
awk -F, -v c="$chart" '$1 == c { printf "%d,%s,%.0f\n", $3, $4, $5 }' whole.csv >want.csv
sqlite3 -csv k.db "SELECT o.rank, o.provider_id, o.value FROM observation o
    JOIN snapshot s ON s.id = o.snapshot_id
    WHERE s.chart_id = 'plays-$chart-daily' AND s.period = '$period'
    ORDER BY o.rank" >out.csv
ok_file "stored chart" want.csv out.csv

finish
