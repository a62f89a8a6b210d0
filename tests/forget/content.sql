-- content.sql: what a store holds, with every id replaced by what it names
-- (a snapshot by its chart and period, a song by its title and credit, an
-- artist by its name), for tests/forget/archive.sh: a store that forgot a
-- file amid others holds the same as one that never had it, but for ids
-- given after the file (ids never move, docs/entities.md).
SELECT 'snap', chart_id, period, source, digest, has_counters, partial FROM snapshot ORDER BY 2,3;
SELECT 'entry', s.chart_id, s.period, e.rank, g.title, g.artist, e.last, e.status, e.peak, e.periods, e.streak, e.seeded FROM entry e JOIN snapshot s ON s.id = e.snapshot_id JOIN song g ON g.id = e.song_id ORDER BY 2,3,4;
SELECT 'run', r.chart_id, g.title, g.artist, r.debut_period, r.debut_rank, r.periods, r.streak, r.longest_streak, r.peak, r.peak_period, r.periods_at_peak, r.periods_at_no1, r.reentries, r.last_period, r.last_rank FROM run r JOIN song g ON g.id = r.song_id ORDER BY 2,3,4,5;
SELECT 'song', title, artist, match, kind FROM song ORDER BY 2,3,4;
SELECT 'key', k.key, g.title, g.artist FROM song_key k JOIN song g ON g.id = k.song_id ORDER BY 2,3,4;
SELECT 'artist', name, kind, market, match, origin FROM artist ORDER BY 2;
SELECT 'sa', g.title, g.artist, a.name, x.role, x.pos FROM song_artist x JOIN song g ON g.id = x.song_id JOIN artist a ON a.id = x.artist_id ORDER BY 2,3,4;
SELECT 'file', digest, kind FROM ingest_file ORDER BY 2;
SELECT 'held', f.digest, i.chart_id, i.period, i.digest, i.source FROM ingest_snapshot i JOIN ingest_file f ON f.id = i.file_id ORDER BY 2,3,4;
