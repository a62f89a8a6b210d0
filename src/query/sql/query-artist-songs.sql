-- query-artist-songs.sql: the entities credited to an artist, one row
-- each (the dashboard's list): its charts, best peak, periods on every
-- chart together and debut, by debut; a page at a time. The debut is the
-- one of the chart it first appeared on (run_debut, migrate-012.sql: the
-- debut period that came out first, a year-end chart only when it has no
-- other), "before D" when that run debuted before its first stored period
-- D, as query-song-runs.sql says it.
--   :artist  the artist's id
--   :limit   rows (-1: all)
--   :offset  rows skipped
SELECT p.id AS id, p.title AS title, p.artist AS artist, p.role AS role,
 p.kind AS kind, p.charts AS charts, p.best_peak AS best_peak,
 p.periods AS periods, (SELECT CASE WHEN EXISTS (SELECT 1
  FROM snapshot ds JOIN entry de ON de.snapshot_id = ds.id
  WHERE ds.chart_id = f.chart_id AND ds.period = f.debut_period
  AND de.rank = f.debut_rank AND de.song_id = f.song_id AND de.periods > 1) THEN 'before ' ELSE '' END
  || f.debut_period FROM run f WHERE f.song_id = p.id
  AND f.chart_id = p.first_chart) AS debut
 FROM (SELECT s.id AS id, s.title AS title, s.artist AS artist,
  sa.role AS role, s.kind AS kind, count(r.chart_id) AS charts,
  min(r.peak) AS best_peak, sum(r.periods) AS periods,
  (SELECT d.chart_id FROM run_debut d WHERE d.song_id = s.id
   ORDER BY d.yearly, d.out, d.fineness, d.chart_id LIMIT 1) AS first_chart,
  (SELECT d.yearly || ' ' || d.out FROM run_debut d WHERE d.song_id = s.id
   ORDER BY d.yearly, d.out, d.fineness, d.chart_id LIMIT 1) AS first_out
  FROM song_artist sa JOIN song s ON s.id = sa.song_id
  LEFT JOIN run r ON r.song_id = s.id WHERE sa.artist_id = :artist
  GROUP BY s.id ORDER BY first_out, s.id LIMIT :limit OFFSET :offset) p
 ORDER BY p.first_out, p.id;
