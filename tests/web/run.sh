#!/bin/sh
# The dashboard's browser tests under CTest:
#   sh tests/web/run.sh KCHART [ARTIFACT_DIR [SUITE]]
# SUITE is e2e (the default: home, search, song, chart and news pages) or
# pages (artist, records, All-Kills, regions, sales, news filters); each is
# tests/web/SUITE.mjs over the harness lib.mjs.
# It needs node, Debian's chromium ($CHROMIUM, default /usr/bin/chromium) and
# web/node_modules (npm ci --prefix web); without one of them it reports
# itself skipped (exit 77), never passed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
kc=${1:?usage: run.sh KCHART [ARTIFACT_DIR [SUITE]]}
artifacts=${2:-$PWD/web-artifacts}
suite=${3:-e2e}
chromium=${CHROMIUM:-/usr/bin/chromium}

skip() {
    echo "SKIP web_$suite: $1"
    exit 77
}
command -v node >/dev/null 2>&1 || skip "node is not installed (apt-get install nodejs npm)"
[ -x "$chromium" ] || skip "no chromium at $chromium (apt-get install chromium)"
for m in playwright-core vite uplot; do
    [ -f "$root/web/node_modules/$m/package.json" ] ||
        skip "web/node_modules/$m is missing (npm ci --prefix web)"
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || skip "node $node_major is older than 18"

export CHROMIUM="$chromium"
exec node "$here/$suite.mjs" "$kc" "$artifacts"
