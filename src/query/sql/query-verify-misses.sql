-- query-verify-misses.sql: the entries whose counters differ from the
-- provider's, by chart, period and rank.
--   :chart  a chart's id, or NULL: every chart
--   :limit  the rows listed, at most
SELECT s.chart_id AS chart, s.period AS period, e.rank AS rank,
 o.title AS title, o.artist AS artist,
 e.last AS last, o.p_last AS provider_last,
 e.peak AS peak, o.p_peak AS provider_peak,
 e.periods AS periods, o.p_periods AS provider_periods
 FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
 JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
 WHERE s.has_counters AND (:chart IS NULL OR s.chart_id = :chart) AND
 (e.last IS NOT o.p_last OR e.peak <> o.p_peak
  OR e.periods <> o.p_periods)
 ORDER BY s.chart_id, s.period, e.rank LIMIT :limit;
