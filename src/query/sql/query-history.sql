-- query-history.sql: a song's rank in every period of every chart it was
-- on. No index on entry(song_id) (store.c says why): the song's runs bound
-- the periods to look at, and each snapshot is a short range scan.
--   :song  the song's id, as text
SELECT r.chart_id AS chart, s.period AS period, e.rank AS rank
 FROM run r JOIN snapshot s ON s.chart_id = r.chart_id
  AND s.period BETWEEN r.debut_period AND r.last_period
 JOIN entry e ON e.snapshot_id = s.id AND e.song_id = r.song_id
 WHERE r.song_id = CAST(:song AS INTEGER) ORDER BY r.chart_id, s.period;
