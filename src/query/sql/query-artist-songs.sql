-- query-artist-songs.sql: the entities credited to an artist, one row
-- each (the dashboard's list): its charts, best peak, periods on every
-- chart together and first debut ("before D" when that run debuted before
-- its first stored period D, as query-song-runs.sql says it), by debut; a
-- page at a time.
--   :artist  the artist's id
--   :limit   rows (-1: all)
--   :offset  rows skipped
SELECT s.id AS id, s.title AS title, s.artist AS artist, sa.role AS role,
 s.kind AS kind, count(r.chart_id) AS charts, min(r.peak) AS best_peak,
 sum(r.periods) AS periods, (SELECT CASE WHEN EXISTS (SELECT 1
  FROM snapshot ds JOIN entry de ON de.snapshot_id = ds.id
  WHERE ds.chart_id = f.chart_id AND ds.period = f.debut_period
  AND de.song_id = f.song_id AND de.periods > 1) THEN 'before ' ELSE '' END
  || f.debut_period FROM run f WHERE f.song_id = s.id
  ORDER BY f.debut_period, f.chart_id LIMIT 1) AS debut
 FROM song_artist sa JOIN song s ON s.id = sa.song_id
 LEFT JOIN run r ON r.song_id = s.id WHERE sa.artist_id = :artist
 GROUP BY s.id ORDER BY min(r.debut_period), s.id LIMIT :limit OFFSET :offset;
