#!/bin/sh
# sqlite_plays.sh PLAYS.csv OUT.csv [options]: kchart compile's chart rules
# in SQLite, a reference for bench/duckdb_plays.mjs (same options, same
# output, byte for byte):
#
#   sh bench/sqlite_plays.sh PLAYS.csv OUT.csv [--min-ms 30000] [--cap 10]
#      [--weight-premium 1] [--weight-free 0.333] [--top 200]
#
# The sqlite3 shell .imports PLAYS.csv into an in-memory table and runs the
# chart query; prints `load SECONDS` (the .import) and `compile SECONDS ROWS`
# (the query and writing OUT.csv). Meant for up to ~10M events: SQLite
# groups by sorting, on one core.
#
# Scores. SQLite's printf has no shortest round-trip format (%g gives a
# fixed number of digits, 16 at most without the ! flag) and its
# text-to-double conversion (3.40) is not guaranteed to round correctly, so
# SQLite formats no score. The query ranks by the score it computes, then
# outputs each track's capped premium and free play counts P and F; an awk
# step recomputes P * w_premium + F * w_free in doubles (awk's numbers are C
# doubles, its weights read by strtod) and prints it as JavaScript's
# String(number) does: the fewest significant digits k for which
# printf("%.{k-1}e") (the nearest k-digit decimal, or, just below a power
# of two, the next one up) reads back as the same double, laid out in fixed
# notation for 1e-7 <= score < 1e21 and in exponent notation beyond.
# Checked against node's String() on 500,000 doubles: random bit patterns,
# every power of two, sums like P + F * 0.333. awk also checks that its
# scores keep SQLite's order, so a weight SQLite read differently from
# strtod cannot go unnoticed.

set -eu

usage="usage: $0 PLAYS.csv OUT.csv [--min-ms N] [--cap N] [--weight-premium W] [--weight-free W] [--top N]"
min_ms=30000 cap=10 wp=1 wf=0.333 top=200
plays='' out=''
while [ $# -gt 0 ]; do
    case $1 in
    --min-ms | --cap | --weight-premium | --weight-free | --top)
        [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
        case $1 in
        --min-ms) min_ms=$2 ;;
        --cap) cap=$2 ;;
        --weight-premium) wp=$2 ;;
        --weight-free) wf=$2 ;;
        --top) top=$2 ;;
        esac
        shift 2
        ;;
    --*) echo "$usage" >&2; exit 2 ;;
    *)
        if [ -z "$plays" ]; then plays=$1
        elif [ -z "$out" ]; then out=$1
        else echo "$usage" >&2; exit 2
        fi
        shift
        ;;
    esac
done
if [ -z "$plays" ] || [ -z "$out" ]; then echo "$usage" >&2; exit 2; fi
for n in "$min_ms" "$cap" "$top"; do
    case $n in '' | *[!0-9]*) echo "$0: not a whole number: $n" >&2; exit 2 ;; esac
done
for w in "$wp" "$wf"; do
    # Plain decimals only: they go into SQL and to awk as they are.
    case $w in '' | *[!0-9.]* | *.*.* | .) echo "$0: not a weight: $w" >&2; exit 2 ;; esac
done
case $plays$out in *"'"*) echo "$0: file names with ' are not supported" >&2; exit 2 ;; esac
[ -r "$plays" ] || { echo "$0: cannot read $plays" >&2; exit 2; }

if ! command -v sqlite3 >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || { echo "$0: needs sqlite3 (apt-get install sqlite3)" >&2; exit 2; }
    apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The tier with the higher weight fills the cap first; premium on a tie.
if [ "$cap" -eq 0 ]; then
    capped="n_p AS c_p, n_f AS c_f"
elif awk -v a="$wp" -v b="$wf" 'BEGIN { exit !(a + 0 >= b + 0) }'; then
    capped="min(n_p, $cap) AS c_p, min(n_f, $cap - min(n_p, $cap)) AS c_f"
else
    capped="min(n_p, $cap - min(n_f, $cap)) AS c_p, min(n_f, $cap) AS c_f"
fi

# In-memory database; sorts (GROUP BY) in memory, on two threads like DuckDB.
# Dates: day = floor(ts / 86400000), the UTC day. .system prints the clock
# between the steps into $tmp/clock (sqlite3's own stdout, where PRAGMA
# threads also prints), as lines T<seconds>.
sqlite3 -batch :memory: >"$tmp/clock" <<EOF
.bail on
PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -4000000;
PRAGMA threads = 2;
CREATE TABLE plays (ts INTEGER, user_id INTEGER, track_id INTEGER,
                    region TEXT, platform TEXT, tier TEXT, ms_played INTEGER);
.system date +T%s.%N
.import --csv --skip 1 '$plays' plays
.system date +T%s.%N
.mode csv
.headers off
.once '$tmp/ranked.csv'
WITH per_user AS (
  SELECT platform || '-' || region AS chart,
         CASE WHEN ts >= 0 THEN ts / 86400000 ELSE (ts + 1) / 86400000 - 1 END AS day,
         track_id,
         sum(tier = 'premium') AS n_p,
         sum(tier = 'free') AS n_f
  FROM plays
  WHERE ms_played >= $min_ms AND tier IN ('premium', 'free')
  GROUP BY chart, day, user_id, track_id
),
capped AS (
  SELECT chart, day, track_id, $capped FROM per_user
),
per_track AS (
  SELECT chart, day, track_id, sum(c_p) AS p, sum(c_f) AS f
  FROM capped
  GROUP BY chart, day, track_id
),
ranked AS (
  SELECT chart, day, track_id, p, f,
         row_number() OVER (PARTITION BY chart, day
                            ORDER BY CAST(p AS REAL) * $wp + CAST(f AS REAL) * $wf DESC,
                                     track_id ASC) AS rank
  FROM per_track
)
SELECT chart, date(day * 86400, 'unixepoch'), rank, track_id, p, f
FROM ranked
WHERE rank <= $top
ORDER BY chart, day, rank;
EOF

awk -v wp="$wp" -v wf="$wf" -v out="$out" '
# succ(d): the digit string d plus one ("199" -> "200", "99" -> "100").
function succ(d,    i, c) {
    for (i = length(d); i > 0; i--) {
        c = substr(d, i, 1)
        if (c != "9")
            return substr(d, 1, i - 1) (c + 1) substr("000000000000000000", 1, length(d) - i)
    }
    return "1" substr("000000000000000000", 1, length(d))
}
# jsnum(x): x as JavaScript String(x) prints it (see the comment above).
function jsnum(x,    k, s, m, e, digits, nd, n, r, i) {
    if (x == 0)
        return "0"
    if (x < 0)
        return "-" jsnum(-x)
    for (k = 1; k <= 17; k++) {
        s = sprintf("%." (k - 1) "e", x)
        m = index(s, "e")
        e = substr(s, m + 1) + 0
        digits = substr(s, 1, m - 1)
        sub(/\./, "", digits)
        if (s + 0 == x)
            break
        # Below a power of two the doubles are twice as dense: the nearest
        # k digits can miss there while the next k-digit number up hits.
        if (s + 0 < x) {
            digits = succ(digits)
            if (length(digits) > k) {
                digits = substr(digits, 1, k)
                e++
            }
            if ((digits "e" (e - k + 1)) + 0 == x)
                break
        }
    }
    sub(/0+$/, "", digits)
    nd = length(digits)
    n = e + 1    # the decimal point sits after n digits
    if (nd <= n && n <= 21) {
        r = digits
        for (i = nd; i < n; i++)
            r = r "0"
        return r
    }
    if (0 < n && n <= 21)
        return substr(digits, 1, n) "." substr(digits, n + 1)
    if (-6 < n && n <= 0) {
        r = "0."
        for (i = n; i < 0; i++)
            r = r "0"
        return r digits
    }
    e = n - 1
    return (nd == 1 ? digits : substr(digits, 1, 1) "." substr(digits, 2)) \
        "e" (e < 0 ? "-" : "+") (e < 0 ? -e : e)
}
BEGIN {
    FS = ","
    wp += 0
    wf += 0
    print "chart,period,rank,track_id,score" > out
}
{
    score = $5 * wp + $6 * wf
    # track ids are < 2^53, exact as awk numbers
    if ($1 == chart && $2 == period &&
        (score > last || (score == last && $4 + 0 <= last_track + 0))) {
        printf "%s: %s,%s rank %s: SQLite ranked by other scores\n",
            "sqlite_plays.sh", $1, $2, $3 > "/dev/stderr"
        exit 1
    }
    chart = $1; period = $2; last = score; last_track = $4
    print $1 "," $2 "," $3 "," $4 "," jsnum(score) > out
    rows++
}
END { print rows + 0 > "'"$tmp/rows"'" }
' "$tmp/ranked.csv"
date +T%s.%N >>"$tmp/clock"

awk -v rows="$(cat "$tmp/rows")" \
    '/^T/ { t[n++] = substr($1, 2) }
     END { printf "load %.3f\ncompile %.3f %d\n", t[1] - t[0], t[2] - t[1], rows }' \
    "$tmp/clock"
