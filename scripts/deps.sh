#!/bin/sh
# Installs what kchart needs to build and test, from Debian 12's packages,
# only when something is missing. Run by `make demo` and `make test`; the
# benchmarks name what more they need as arguments (`deps.sh wrk nginx-light`).
set -eu
pkgs="cmake ninja-build pkg-config gcc libc6-dev libsqlite3-dev libjansson-dev
libutf8proc-dev libxxhash-dev libcriterion-dev zstd sqlite3 python3 python3-yaml
python3-jsonschema tzdata
openmpi-bin libopenmpi-dev libmicrohttpd-dev nettle-dev libcurl4-openssl-dev curl chromium fonts-nanum
clang-format-14 $*"
missing=""
# The dashboard is built with npm (Debian's nodejs and npm, unless a Node.js
# with npm is already installed another way).
command -v npm >/dev/null 2>&1 || missing=" nodejs npm"
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
