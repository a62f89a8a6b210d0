# Shared by the real-data tests: where the archives are, and small checks.
# KCHART_DATA overrides ../shared/data; a test whose archive is absent exits
# 77, which CTest reports as skipped.
repo=$(cd "$(dirname "$0")/../.." && pwd)
data=${KCHART_DATA:-$repo/../shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

need_data() {
    if [ ! -d "$data/$1" ]; then
        echo "skipped: $data/$1 is absent (set KCHART_DATA)"
        exit 77
    fi
}

# The bundled copy of an archive (data/NAME.tar.zst), extracted once into tmp.
bundled() {
    zstd -dc "$repo/data/$1.tar.zst" | tar -xf - -C "$tmp" || exit 1
    echo "$tmp/$2"
}

check() { # check WHAT GOT WANT
    if [ "$2" = "$3" ]; then
        echo "ok   $1"
    else
        echo "FAIL $1: got $2, want $3"
        fails=$((fails + 1))
    fi
}

check_min() { # check_min WHAT GOT MIN (decimal numbers)
    if awk -v g="$2" -v m="$3" 'BEGIN { exit !(g + 0 >= m + 0) }'; then
        echo "ok   $1: $2 >= $3"
    else
        echo "FAIL $1: $2 < $3"
        fails=$((fails + 1))
    fi
}

check_max() { # check_max WHAT GOT MAX (whole numbers)
    if [ "$2" -le "$3" ]; then
        echo "ok   $1: $2 <= $3"
    else
        echo "FAIL $1: $2 > $3"
        fails=$((fails + 1))
    fi
}

# verify's percent for chart and field, from its CSV.
percent() { # percent DB CHART FIELD
    "$kchart" verify --db "$1" "$2" --format csv | awk -F, -v f="$3" '$2 == f { print $6 }'
}

