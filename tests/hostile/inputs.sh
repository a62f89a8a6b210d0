#!/bin/sh
# tests/hostile/inputs.sh KCHART: inputs a careless user gives. A FIFO with
# no writer is refused at once by every reader (it blocked every importer
# forever); a file name holding a newline or a terminal escape is shown
# escaped in the message, on one line (it split the message, and the escape
# reached the terminal raw).
set -u
. "$(dirname "$0")/../lib.sh"
db=$tmp/kchart.db
mkfifo "$tmp/pipe.csv" || skip "mkfifo failed"
for cmd in "ingest" "catalog import" "series import" "sales import" "units import" \
    "compile"; do
    # shellcheck disable=SC2086
    timeout 10 "$kchart" $cmd --db "$db" "$tmp/pipe.csv" >/dev/null 2>"$tmp/err"
    code=$?
    ok "$cmd of a FIFO: refused, not waited on" "$([ "$code" -ne 124 ] && [ "$code" -ne 0 ] && echo refused)" refused
    ok_grep "$cmd of a FIFO: says so" "pipe.csv: not a regular file (a FIFO)" "$tmp/err"
done
esc=$(printf '\033')
name="$tmp/a
b${esc}[31mred.csv"
printf 'chart,period,rank,title,artist\nbillboard-hot-100,2020-01-04,x,A,B\n' >"$name"
"$kchart" ingest --quiet --db "$db" "$name" 2>"$tmp/err"
ok "a bad file with a strange name: exit 1" "$?" 1
ok "the message is one line" "$(wc -l <"$tmp/err" | tr -d ' ')" 1
ok_grep "the newline is shown escaped" 'a\\nb\\x1b\[31mred.csv:2:30: rank' "$tmp/err"
ok "no raw escape reaches the terminal" "$(grep -c "$esc" "$tmp/err")" 0
finish
