-- search-sync-rank-set.sql: each song's place in a search's list
-- (song_rank, migrate-013.sql; its charts, migrate-017.sql) as its runs
-- now give it, written for the songs whose place is missing or changed.
WITH want AS (
 SELECT s.id AS id, coalesce(min(r.peak), 1000000000) AS peak,
  coalesce(sum(r.periods), 0) AS periods, count(r.chart_id) AS charts
  FROM song s LEFT JOIN run r ON r.song_id = s.id GROUP BY s.id
)
INSERT OR REPLACE INTO song_rank (song_id, peak, periods, charts)
 SELECT e.id, e.peak, e.periods, e.charts FROM want e WHERE NOT EXISTS (SELECT 1 FROM song_rank g
  WHERE g.song_id = e.id AND g.peak = e.peak AND g.periods = e.periods
  AND g.charts = e.charts);
