#!/bin/sh
# api_stores.sh KCHART_BINARY: builds (once) the two stores of issue 22's
# latency benchmark and prints their paths, one a line:
#   hot100-pk  the whole Billboard Hot 100 and 22 days of Spotify Pakistan
#   korea-55   the Korean archive as scripts/demo.sh loads it (its charts,
#              the catalog and its song map, the All-Kill archive) and the
#              55-country Spotify weekly archive (--keep-going: some of its
#              files are saved HTML pages)
# from ../shared/data (or $KCHART_DATA). A store is kept in $KCHART_BENCH_TMP
# (default /tmp/kchart-bench-api) under the digest of the binary that built
# it, so a run after the first starts at once and another build gets stores
# of its own. Sourced data only; writes nothing else.
set -eu

[ $# -ge 1 ] || { echo "usage: $0 KCHART_BINARY" >&2; exit 2; }
kchart=$1
cd "$(dirname "$0")/.."
root=$(pwd)
data=${KCHART_DATA:-$root/../shared/data}
dir=${KCHART_BENCH_TMP:-/tmp/kchart-bench-api}
mkdir -p "$dir"
tag=$(sha256sum "$kchart" | cut -c1-12)
# One clock for every build: a stored event carries when it was learned, so
# two builds' news answers compare byte for byte (bench/api_same.sh).
export KCHART_NOW=2026-01-01T00:00:00Z

a=$dir/hot100-pk.$tag.db
if [ ! -f "$a" ]; then
    rm -f "$a.tmp"
    "$kchart" ingest --quiet --db "$a.tmp" "$data/billboard-hot100/date" \
        "$data/spotify-daily-pk" >&2
    mv "$a.tmp" "$a"
fi

b=$dir/korea-55.$tag.db
if [ ! -f "$b" ]; then
    rm -f "$b.tmp"
    "$kchart" ingest --quiet --db "$b.tmp" "$data/korea-blackpink" 2>/dev/null
    "$kchart" catalog import --db "$b.tmp" data/catalog.json \
        "$data/korea-blackpink/data.json" >/dev/null 2>&1
    "$kchart" allkill --db "$b.tmp" --load data/allkill-archive.csv >/dev/null
    # Some files are saved HTML pages: reported and skipped.
    "$kchart" ingest --quiet --keep-going --db "$b.tmp" "$data/spotify-weekly-55" \
        2>/dev/null || true
    mv "$b.tmp" "$b"
fi
echo "$a"
echo "$b"
