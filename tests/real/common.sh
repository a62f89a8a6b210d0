# Shared by the real-data tests (sourced after `set -u`; it sources
# ../lib.sh, whose checks they use): where the archives are, the bundled
# ones extracted, verify's figures, and the spotify-weekly-55 store.
# KCHART_DATA overrides ../shared/data; a test whose archive is absent exits
# 77, which CTest reports as skipped.
. "$(dirname "$0")/../lib.sh"
data=${KCHART_DATA:-$root/../shared/data}

need_data() {
    [ -d "$data/$1" ] || skip "$data/$1 is absent (set KCHART_DATA)"
}

# The bundled copy of an archive (data/NAME.tar.zst), extracted once into tmp.
bundled() {
    zstd -dc "$root/data/$1.tar.zst" | tar -xf - -C "$tmp" || exit 1
    echo "$tmp/$2"
}

# A records answer against the same query as of a day after every period,
# which reads every entry of the chart (records.c reads fewer without
# --at): counted in n, a difference named in differ.
records_as_whole() { # records_as_whole LABEL RECORDS-ARGS...
    label=$1
    shift
    a=$("$kchart" records "$@" 2>&1) b=$("$kchart" records "$@" --at 2100-01-01 2>&1)
    n=$((n + 1))
    [ "$a" = "$b" ] || differ="$differ $label"
}

# verify's percent for chart and field, from its CSV.
percent() { # percent DB CHART FIELD
    "$kchart" verify --db "$1" "$2" --format csv | awk -F, -v f="$3" '$2 == f { print $6 }'
}


# The whole spotify-weekly-55 archive ingested once per kchart binary and
# shared by the tests that read it (spotify_weekly55, regions_weekly55): CTest
# runs them side by side, and the second waits for the first's ingest under
# a lock. Sets w55_db (read only: tests must not write to it) and w55_errors
# (the ingest's stderr). The store lives beside the test's working directory
# (the build tree), keyed on the binary's checksum, so a rebuilt kchart
# ingests afresh.
w55_store() {
    need_data spotify-weekly-55
    cache=$(pwd)/real-store
    mkdir -p "$cache" || exit 1
    key=$(cksum <"$kchart" | cut -d' ' -f1)
    w55_db=$cache/w55-$key.db
    w55_errors=$cache/w55-$key.errors
    (
        flock 9 || exit 1
        if [ ! -f "$cache/w55-$key.done" ]; then
            rm -f "$cache"/w55-*
            # --keep-going: the 100 saved HTML pages are refused (exit 1).
            "$kchart" ingest --quiet --keep-going --db "$w55_db" \
                "$data/spotify-weekly-55" 2>"$w55_errors"
            [ -s "$w55_db" ] && touch "$cache/w55-$key.done"
        fi
    ) 9>"$cache/w55.lock"
    [ -f "$cache/w55-$key.done" ] || { failed "the spotify-weekly-55 store was not built"; exit 1; }
}
