-- query-song-runs.sql: a song's run on each chart, the first debut first.
--   :song  the song's id, as text
SELECT r.chart_id AS chart, c.name AS chart_name, c.provider AS provider,
 c.cadence AS cadence, r.debut_period AS debut,
 r.debut_rank AS debut_rank, r.peak AS peak, r.peak_period AS peak_period,
 r.periods_at_peak AS at_peak, r.periods AS periods,
 r.longest_streak AS longest_streak, r.streak AS streak,
 r.periods_at_no1 AS no1, r.reentries AS reentries,
 r.last_period AS last_period, r.last_rank AS last_rank
 FROM run r JOIN chart c ON c.id = r.chart_id
 WHERE r.song_id = CAST(:song AS INTEGER) ORDER BY r.debut_period, r.chart_id;
