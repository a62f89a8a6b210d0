-- query-artist-totals.sql: an artist's totals per chart: its entities
-- there, those that reached No. 1 and the top 10, their periods on chart
-- together, and the first and last periods it charted.
--   :artist  the artist's id
SELECT r.chart_id AS chart, count(*) AS entries,
 sum(r.periods_at_no1 > 0) AS no1s, sum(r.peak <= 10) AS top10s,
 sum(r.periods) AS periods, min(r.debut_period) AS first,
 max(r.last_period) AS last
 FROM song_artist sa JOIN run r ON r.song_id = sa.song_id
 WHERE sa.artist_id = :artist GROUP BY r.chart_id ORDER BY r.chart_id;
