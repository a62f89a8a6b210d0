# tests/lib.sh: what the shell tests share. Source it after `set -u`.
#   abs PATH          PATH made absolute (from the directory the test began in)
#   check NAME A B    files A and B must be byte-identical (counts pass/fail)
#   ok NAME GOT WANT  GOT and WANT must be equal strings (counts pass/fail)
#   dump              a digest of the whole store $KCHART_DB
#   finish            prints the counts; the exit status says if all passed
pass=0 fail=0
start_dir=$(pwd)
abs() { case $1 in /*) echo "$1" ;; *) echo "$start_dir/$1" ;; esac; }
check() {
    if cmp -s "$2" "$3"; then
        pass=$((pass + 1))
    else
        echo "FAIL $1:"; diff "$2" "$3" | head -10; fail=$((fail + 1))
    fi
}
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
ok() { if [ "$2" = "$3" ]; then pass=$((pass + 1)); else echo "FAIL $1: got [$2], want [$3]"; fail=$((fail + 1)); fi; }
dump() { sqlite3 "$KCHART_DB" .dump | sha256sum; }
