#!/bin/sh
# Spotify's current CSV export (Daily Top 200 Pakistan, bundled in data/):
# every file ingested; our counters against Spotify's own. The archive starts
# mid-history, so the first day's runs are seeded from Spotify's counters
# (the day before is one we lack: its ranks, Spotify's previous ranks, are
# the first day's `last`); from the second day on our previous rank, counted
# from our own charts, must equal Spotify's on every entry. The few peak/periods misses are
# Spotify's own counters standing still for three days (docs/runs.md).
set -u
. "$(dirname "$0")/common.sh"
dir=$(bundled spotify-daily-pk spotify-daily-pk)
db="$tmp/pk.db"
"$kchart" ingest --quiet --db "$db" "$dir" || exit 1
ok "days stored" "$(sqlite3 "$db" 'SELECT count(*) FROM snapshot')" 22
ok "entries stored" "$(sqlite3 "$db" 'SELECT count(*) FROM entry')" 4400
ok "last equals Spotify's from the second day on" \
    "$(sqlite3 "$db" "SELECT count(*) FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
        JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
        WHERE s.period > '2025-12-01' AND e.last IS NOT o.p_last")" 0
ok "the first day: 185 previous ranks taken from Spotify, on seeded entries" \
    "$(sqlite3 "$db" "SELECT count(*) FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
        JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
        WHERE s.period = '2025-12-01' AND e.seeded AND e.last = o.p_last")" 185
ok_min "peak equals Spotify's" "$(percent "$db" spotify-pk-daily peak)" 99.6818
ok_min "periods equals Spotify's" "$(percent "$db" spotify-pk-daily periods)" 99.5909
ok "Haseen: No. 1, 281 days before the archive, 302 at its end" \
    "$(sqlite3 "$db" "SELECT peak || ':' || periods FROM run r JOIN song s ON s.id = r.song_id
        WHERE s.title = 'Haseen' AND r.chart_id = 'spotify-pk-daily'")" "1:302"
finish
