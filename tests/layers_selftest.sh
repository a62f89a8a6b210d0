#!/bin/sh
# The layers check can fail: on a copy of src/, an upward call, an upward
# function pointer, an upward include, another layer's SQL and a circle
# inside one layer must each be reported, and the copy as it is must pass.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fresh() {
    rm -rf "$tmp/t" && mkdir -p "$tmp/t" && cp -r "$root/src" "$root/docs" "$tmp/t/"
}
expect() { # expect NAME WANTED-EXIT PATTERN
    python3 "$root/tests/layers.py" "$tmp/t" >"$tmp/out" 2>&1
    got=$?
    if [ "$got" -ne "$2" ] || ! grep -q -- "$3" "$tmp/out"; then
        echo "FAIL $1: exit $got (want $2), output:"
        cat "$tmp/out"
        fails=$((fails + 1))
    else
        echo "ok   $1: $(head -1 "$tmp/out")"
    fi
}
fresh
expect "the tree as it is" 0 "no upward use, no circle"
# util (the bottom) calls a query (near the top).
cat >>"$tmp/t/src/util/map.c" <<'C'
size_t kc__map_probe(kc__map *m);
size_t kc__map_probe(kc__map *m)
{
    kc_table *t = NULL;
    kc_query_chart(NULL, "x", NULL, 1, &t);
    return kc__map_size(m);
}
C
expect "an upward call" 1 "kc_query_chart is query's"
fresh
# The store takes the address of a derive function (a call through a
# pointer is a call too).
cat >>"$tmp/t/src/store/table.c" <<'C'
int (*kc__table_probe)(kc_db *, int64_t) = kc__milestones_update;
C
expect "an upward function pointer" 1 "kc__milestones_update is derive's"
fresh
sed -i 's|#include "util/util.h"|#include "util/util.h"\n#include "derive/derive.h"|' \
    "$tmp/t/src/util/date.c"
expect "an upward include" 1 "includes derive/derive.h"
fresh
# derive reaches the news layer's SQL (its header is generated, outside src/).
sed -i 's|#include <sql/derive_sql.h>|#include <sql/derive_sql.h>\n#include <sql/news_sql.h>|' \
    "$tmp/t/src/derive/certs.c"
expect "another layer's SQL" 1 "includes <sql/news_sql.h>, the SQL of news"
fresh
# Two files of one layer call each other: allkill.c calls milestones.c and
# milestones.c calls allkill.c.
cat >>"$tmp/t/src/derive/allkill.c" <<'C'
int kc__allkill_probe(kc_db *db);
int kc__allkill_probe(kc_db *db)
{
    return kc__milestones_update(db, 0);
}
C
cat >>"$tmp/t/src/derive/milestones.c" <<'C'
int kc__milestones_probe(kc_db *db);
int kc__milestones_probe(kc_db *db)
{
    return kc__allkill_probe(db);
}
C
expect "a circle inside a layer" 1 "files use each other in a circle"
[ "$fails" -eq 0 ] && echo "layers_selftest: every breach reported" && exit 0
exit 1
