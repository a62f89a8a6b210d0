#!/bin/sh
# kchart installed: `cmake --install` of the build into a temporary prefix
# gives the program, both libraries, the header, kchart.pc and the man page;
# the shared library exports the functions of the header and nothing else;
# `kchart --version` and pkg-config say the header's version; and a program
# of its own (print_chart.c), built with pkg-config against the installed
# libkchart, shared and then static, prints a chart that the installed
# kchart ingested.
# Usage: run.sh CMAKE BUILD_DIR LIBDIR CC [FLAG...]
#   LIBDIR: the build's CMAKE_INSTALL_LIBDIR (lib; lib/x86_64-linux-gnu on
#   Debian when it was configured for the prefix /usr);
#   FLAG: the build's sanitizer flags (-fsanitize=...), which a program
#   linking a sanitized libkchart needs too.
set -u
cmake=$1 build=$2 libdir_rel=$3 cc=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail=0
bad() {
    echo "FAIL: $*"
    fail=$((fail + 1))
}

"$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }
libdir=$prefix/$libdir_rel
for f in bin/kchart include/kchart/kchart.h "$libdir_rel/libkchart.a" \
    "$libdir_rel/libkchart.so" "$libdir_rel/libkchart.so.0" \
    "$libdir_rel/pkgconfig/kchart.pc" share/man/man1/kchart.1; do
    [ -s "$prefix/$f" ] || bad "$f not installed"
done
[ "$fail" -eq 0 ] || { echo "installed:"; (cd "$prefix" && find . | sort); exit 1; }

# The shared library: SONAME libkchart.so.0, and exactly the KC_API
# functions of the header exported, no internal kc__ one, nothing else.
soname=$(readelf -d "$libdir/libkchart.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libkchart.so.0 ] || bad "SONAME is \"$soname\", not libkchart.so.0"
nm -D --defined-only "$libdir/libkchart.so" | awk '{print $NF}' | sort >"$tmp/exported"
sed -n 's/^KC_API [^(]*[ *]\(kc_[a-z0-9_]*\)(.*/\1/p' "$prefix/include/kchart/kchart.h" |
    sort >"$tmp/declared"
[ "$(wc -l <"$tmp/declared")" -gt 50 ] || bad "too few KC_API functions found in kchart.h"
# ... and every function of the header is KC_API (else it is not exported).
unmarked=$(grep -E '^[a-z][a-z_ ]*[ *]kc_[a-z0-9_]*\(' "$prefix/include/kchart/kchart.h")
[ -z "$unmarked" ] || bad "functions of kchart.h without KC_API: $unmarked"
if ! cmp -s "$tmp/declared" "$tmp/exported"; then
    bad "libkchart.so exports other than the KC_API functions of kchart.h"
    diff "$tmp/declared" "$tmp/exported" | grep '^[<>]' | head -20
    echo "(< declared, not exported; > exported, not declared)"
fi

# One version: the header's, in kchart --version and in kchart.pc.
version=$(sed -n 's/^#define KC_VERSION "\([^"]*\)".*/\1/p' "$prefix/include/kchart/kchart.h")
[ -n "$version" ] || bad "no KC_VERSION in the installed kchart.h"
got=$("$prefix/bin/kchart" --version | sed -n '1{s/ (git .*)$//;p;}')
[ "$got" = "kchart $version" ] || bad "kchart --version printed \"$got\", not \"kchart $version\""
export PKG_CONFIG_PATH="$libdir/pkgconfig"
got=$(pkg-config --modversion kchart)
[ "$got" = "$version" ] || bad "pkg-config --modversion kchart: \"$got\", not \"$version\""
pkg-config --validate kchart || bad "kchart.pc does not validate"

# The man page renders without a warning (when groff is installed).
if command -v groff >/dev/null 2>&1; then
    warnings=$(groff -man -Tutf8 -ww -z "$prefix/share/man/man1/kchart.1" 2>&1)
    [ -z "$warnings" ] || bad "man page: $warnings"
fi

# A store made by the installed kchart, read by print_chart.
"$prefix/bin/kchart" ingest --quiet --format generic --db "$tmp/store.db" \
    "$here/../fixtures/generic-hot100-top5.csv" || bad "kchart ingest"
cat >"$tmp/want" <<EOT
billboard-hot-100 2024-01-20 (libkchart $version)
1. Lovin On Me - Jack Harlow
2. Cruel Summer - Taylor Swift
3. Greedy - Tate McRae
4. I Remember Everything - Zach Bryan Featuring Kacey Musgraves
5. Paint The Town Red - Doja Cat
EOT
warn="-std=c11 -Wall -Wextra -Wpedantic -Werror"
# Against the shared library: found through LD_LIBRARY_PATH.
# shellcheck disable=SC2046,SC2086
if "$cc" $warn "$@" "$here/print_chart.c" -o "$tmp/print_chart" \
    $(pkg-config --cflags --libs kchart); then
    LD_LIBRARY_PATH=$libdir "$tmp/print_chart" "$tmp/store.db" billboard-hot-100 \
        >"$tmp/got" 2>&1 || bad "print_chart (shared) exit code $?"
    diff "$tmp/want" "$tmp/got" || bad "print_chart (shared) printed otherwise"
    LD_LIBRARY_PATH=$libdir ldd "$tmp/print_chart" | grep -q "libkchart.so.0 => $libdir/" ||
        bad "print_chart does not load the installed libkchart.so.0"
else
    bad "cc print_chart.c \$(pkg-config --cflags --libs kchart)"
fi
# Against the static library, with what pkg-config --static adds for its
# dependencies (a directory holding libkchart.a alone, searched first).
mkdir "$tmp/static"
ln -s "$libdir/libkchart.a" "$tmp/static/libkchart.a"
# shellcheck disable=SC2046,SC2086
if "$cc" $warn "$@" "$here/print_chart.c" -o "$tmp/print_chart_static" \
    $(pkg-config --cflags kchart) -L"$tmp/static" $(pkg-config --static --libs kchart); then
    "$tmp/print_chart_static" "$tmp/store.db" billboard-hot-100 >"$tmp/got" 2>&1 ||
        bad "print_chart (static) exit code $?"
    diff "$tmp/want" "$tmp/got" || bad "print_chart (static) printed otherwise"
    ! readelf -d "$tmp/print_chart_static" | grep -q libkchart ||
        bad "print_chart (static) needs libkchart.so"
else
    bad "cc print_chart.c \$(pkg-config --static --libs kchart) with libkchart.a"
fi

if [ "$fail" -ne 0 ]; then
    echo "$fail checks failed"
    exit 1
fi
echo "installed in $libdir_rel: kchart $version, libkchart.so.0 ($(wc -l <"$tmp/exported") functions)" \
    "and libkchart.a, kchart.pc, kchart.1; print_chart built and run against both"
