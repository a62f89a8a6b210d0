-- query-song-history.sql: what the song page plots of a song: its rank in
-- every period of one chart (:chart), or of every chart it was on but the
-- hourly ones (:chart NULL; an hourly run holds thousands of periods, read
-- one chart at a time), with the streams the provider published for that
-- row when it did (Spotify's charts; NULL elsewhere). By chart, then period.
-- Read by song (entry_song, migrate-012.sql; a song is placed once a
-- period), one of two ways, the same rows either way:
--  - a song on no hourly chart, every chart at once: its entries, each
--    with its snapshot (ids in order: the look-ups stay close);
--  - else: the periods of its runs (an hourly run's entries would be most
--    of its entries), its entry in each looked up. CROSS JOIN keeps that
--    order.
--   :song   the song's id, as text
--   :chart  one chart's id, or NULL
WITH hourly AS (SELECT :chart IS NOT NULL OR EXISTS (SELECT 1 FROM run r
  JOIN chart c ON c.id = r.chart_id
  WHERE r.song_id = CAST(:song AS INTEGER) AND c.cadence = 'hourly') AS any)
SELECT s.chart_id AS chart, s.period AS period, e.rank AS rank, o.value AS streams
 FROM hourly h CROSS JOIN entry e INDEXED BY entry_song
 CROSS JOIN snapshot s ON s.id = e.snapshot_id
 LEFT JOIN observation o ON o.snapshot_id = e.snapshot_id AND o.rank = e.rank
 WHERE NOT h.any AND e.song_id = CAST(:song AS INTEGER)
UNION ALL
SELECT r.chart_id, s.period, e.rank, o.value
 FROM hourly h CROSS JOIN run r CROSS JOIN chart c ON c.id = r.chart_id
 CROSS JOIN snapshot s ON s.chart_id = r.chart_id
  AND s.period BETWEEN r.debut_period AND r.last_period
 CROSS JOIN entry e INDEXED BY entry_song ON e.song_id = r.song_id AND e.snapshot_id = s.id
 LEFT JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
 WHERE h.any AND r.song_id = CAST(:song AS INTEGER)
  AND (r.chart_id = :chart OR (:chart IS NULL AND c.cadence <> 'hourly'))
 ORDER BY 1, 2;
