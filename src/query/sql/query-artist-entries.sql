-- query-artist-entries.sql: the entities credited to an artist, one row per
-- entity and chart (no1: its periods at No. 1), by chart then debut. A run
-- whose first stored entry already has more than one period by the
-- provider's counter debuted before it: its debut is "before D", as
-- query-song-runs.sql says it.
--   :artist  the artist's id
SELECT a.name AS artist, sa.role AS role, s.kind AS kind, s.id AS id,
 s.title AS title, s.artist AS credit, r.chart_id AS chart,
 CASE WHEN de.periods IS NULL THEN r.debut_period
  ELSE 'before ' || r.debut_period END AS debut,
 r.peak AS peak, r.periods AS periods, r.periods_at_no1 AS no1
 FROM song_artist sa JOIN artist a ON a.id = sa.artist_id
 JOIN song s ON s.id = sa.song_id JOIN run r ON r.song_id = s.id
 LEFT JOIN snapshot ds ON ds.chart_id = r.chart_id AND ds.period = r.debut_period
 LEFT JOIN entry de ON de.snapshot_id = ds.id AND de.rank = r.debut_rank
  AND de.song_id = r.song_id AND de.periods > 1
 WHERE sa.artist_id = :artist ORDER BY r.chart_id, r.debut_period, s.id;
