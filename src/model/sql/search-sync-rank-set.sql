-- search-sync-rank-set.sql: each song's place in a search's list
-- (song_rank, migrate-013.sql; its charts, migrate-017.sql) as its runs
-- now give it, written for the songs whose place is missing or changed:
-- of every song, or of the songs touched (ts).
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
WITH ts(id) AS (SELECT id FROM song WHERE :whole IS NOT NULL
  UNION ALL
  SELECT ref FROM search_touch WHERE :whole IS NULL AND src = 'song'),
 want AS (
 SELECT s.id AS id, coalesce(min(r.peak), 1000000000) AS peak,
  coalesce(sum(r.periods), 0) AS periods, count(r.chart_id) AS charts
  FROM ts CROSS JOIN song s ON s.id = ts.id LEFT JOIN run r ON r.song_id = s.id
  GROUP BY s.id
)
INSERT OR REPLACE INTO song_rank (song_id, peak, periods, charts)
 SELECT e.id, e.peak, e.periods, e.charts FROM want e WHERE NOT EXISTS (SELECT 1 FROM song_rank g
  WHERE g.song_id = e.id AND g.peak = e.peak AND g.periods = e.periods
  AND g.charts = e.charts);
