-- query-artist-songs.sql: the entities credited to an artist, one row
-- each (the dashboard's list): its charts, best peak, periods on every
-- chart together and first debut, by debut; a page at a time.
--   :artist  the artist's id
--   :limit   rows (-1: all)
--   :offset  rows skipped
SELECT s.id AS id, s.title AS title, s.artist AS artist, sa.role AS role,
 s.kind AS kind, count(r.chart_id) AS charts, min(r.peak) AS best_peak,
 sum(r.periods) AS periods, min(r.debut_period) AS debut
 FROM song_artist sa JOIN song s ON s.id = sa.song_id
 LEFT JOIN run r ON r.song_id = s.id WHERE sa.artist_id = :artist
 GROUP BY s.id ORDER BY debut, s.id LIMIT :limit OFFSET :offset;
