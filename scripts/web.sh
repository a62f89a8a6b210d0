#!/bin/sh
# Builds the dashboard (web/ into web/dist) with npm: `npm ci` when
# web/node_modules is missing or older than web/package-lock.json, then
# `vite build`. Run by `make build`; everything it needs is in the lock file.
set -eu
cd "$(dirname "$0")/../web"
if [ ! -f node_modules/.package-lock.json ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build -- --logLevel warn
