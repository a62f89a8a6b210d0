#!/bin/sh
# Every C file of the project is laid out as .clang-format says (STYLE:
# `.clang-format` for layout). clang-format 14 is Debian 12's, installed by
# scripts/deps.sh; other versions lay out some constructs differently, so
# without it the test reports itself skipped. SQL statements are kept out of
# its reach with `/* clang-format off */`.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cf=$(command -v clang-format-14 || true)
if [ -z "$cf" ]; then
    echo "clang-format-14 is not installed: skipped"
    exit 77
fi
cd "$root"
files=$(find src include tests bench fuzz -name '*.[ch]' -not -path '*/node_modules/*' | sort)
n=$(echo "$files" | wc -l)
# shellcheck disable=SC2086
if ! out=$("$cf" --dry-run --Werror $files 2>&1); then
    echo "$out" | grep -E 'warning:|error:' | cut -d: -f1,2 | sort -u | head -50
    echo "not laid out as .clang-format says; run: clang-format -i FILE"
    exit 1
fi
echo "$n C files laid out as .clang-format says"
