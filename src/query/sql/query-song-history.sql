-- query-song-history.sql: what the song page plots of a song: its rank in
-- every period of one chart (:chart), or of every chart it was on but the
-- hourly ones (:chart NULL; an hourly run holds thousands of periods, read
-- one chart at a time), with the streams the provider published for that
-- row when it did (Spotify's charts; NULL elsewhere). By chart, then period.
-- No index on entry(song_id) (store.c says why): the song's runs bound the
-- periods, and each snapshot's entries are read by rank until the song's
-- row, most often near the top of a chart it charted on.
--   :song   the song's id, as text
--   :chart  one chart's id, or NULL
SELECT h.chart AS chart, h.period AS period, h.rank AS rank, o.value AS streams FROM (
 SELECT r.chart_id AS chart, s.period AS period, s.id AS snapshot_id,
  (SELECT e.rank FROM entry e WHERE e.snapshot_id = s.id AND e.song_id = r.song_id
   LIMIT 1) AS rank
 FROM run r JOIN chart c ON c.id = r.chart_id
 JOIN snapshot s ON s.chart_id = r.chart_id
  AND s.period BETWEEN r.debut_period AND r.last_period
 WHERE r.song_id = CAST(:song AS INTEGER)
  AND (r.chart_id = :chart OR (:chart IS NULL AND c.cadence <> 'hourly'))) h
 LEFT JOIN observation o ON o.snapshot_id = h.snapshot_id AND o.rank = h.rank
 WHERE h.rank IS NOT NULL ORDER BY h.chart, h.period;
