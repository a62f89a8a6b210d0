-- query-song-runs.sql: a song's run on each chart, the chart it first
-- appeared on first (run_debut, migrate-012.sql: by when the debut period
-- came out, a year-end chart last),
-- with what the song page says of the chart: its region and size, the
-- first and last period the store holds of it (chart_first, chart_last),
-- and whether the store holds only some of its songs at the run's last
-- period (partial: a per-song archive, not the whole chart), and whether
-- the chart is in an All-Kill rule set (allkill: a song on none of those
-- charts can make no All-Kill, so the server need not evaluate them).
-- A run whose first stored entry already has more than one period by the
-- provider's counter debuted before it: its debut is "before D", its debut
-- rank unknown, and seeded the provider's count on D (KC__RUN_DEBUT,
-- model.h, says the same for the composed statements). That entry is the
-- one at the run's debut period and debut rank, which runs.c takes from
-- the run's first entry: one seek of entry's key.
--   :song  the song's id, as text
SELECT r.chart_id AS chart, c.name AS chart_name, c.provider AS provider,
 c.cadence AS cadence, c.region AS region, c.size AS size,
 CASE WHEN de.periods IS NULL THEN r.debut_period
  ELSE 'before ' || r.debut_period END AS debut,
 CASE WHEN de.periods IS NULL THEN r.debut_rank END AS debut_rank,
 de.periods AS seeded, r.debut_period AS first_period,
 r.peak AS peak, r.peak_period AS peak_period,
 r.periods_at_peak AS at_peak, r.periods AS periods,
 r.longest_streak AS longest_streak, r.streak AS streak,
 r.periods_at_no1 AS no1, r.reentries AS reentries,
 r.last_period AS last_period, r.last_rank AS last_rank,
 (SELECT min(period) FROM snapshot WHERE chart_id = r.chart_id) AS chart_first,
 (SELECT max(period) FROM snapshot WHERE chart_id = r.chart_id) AS chart_last,
 ls.partial AS partial,
 EXISTS (SELECT 1 FROM allkill_rule k
  WHERE ' ' || k.charts || ' ' LIKE '% ' || r.chart_id || ' %') AS allkill
 FROM run r JOIN chart c ON c.id = r.chart_id
 LEFT JOIN snapshot ds ON ds.chart_id = r.chart_id AND ds.period = r.debut_period
 LEFT JOIN entry de ON de.snapshot_id = ds.id AND de.rank = r.debut_rank
  AND de.song_id = r.song_id AND de.periods > 1
 LEFT JOIN snapshot ls ON ls.chart_id = r.chart_id AND ls.period = r.last_period
 JOIN run_debut d ON d.chart_id = r.chart_id AND d.song_id = r.song_id
 WHERE r.song_id = CAST(:song AS INTEGER)
 ORDER BY d.yearly, d.out, d.fineness, r.chart_id;
