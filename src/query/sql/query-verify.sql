-- query-verify.sql: how often our counters (last, peak, periods) equal the
-- provider's, by chart and counter, over the periods the provider gave
-- counters for; seeded counts the entries whose counters began from the
-- provider's.
--   :chart  a chart's id, or NULL: every chart
WITH c AS (SELECT s.chart_id AS chart, e.seeded AS seeded,
   (e.last IS o.p_last) AS last_ok, (e.peak = o.p_peak) AS peak_ok,
   (e.periods = o.p_periods) AS periods_ok,
   o.p_peak IS NOT NULL AS has_peak, o.p_periods IS NOT NULL AS has_periods
 FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
 JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
 WHERE s.has_counters AND (:chart IS NULL OR s.chart_id = :chart)),
 f AS (SELECT chart, 'last' AS field, count(*) AS n, sum(last_ok) AS eq,
   sum(seeded) AS seeded FROM c GROUP BY chart
   UNION ALL SELECT chart, 'peak', sum(has_peak), sum(peak_ok), sum(seeded)
   FROM c GROUP BY chart
   UNION ALL SELECT chart, 'periods', sum(has_periods), sum(periods_ok),
   sum(seeded) FROM c GROUP BY chart)
 SELECT chart, field, n AS entries, eq AS equal, n - eq AS differ,
 printf('%.4f', 100.0 * eq / n) AS percent, seeded
 FROM f WHERE n > 0 ORDER BY chart, CASE field WHEN 'last' THEN 0
 WHEN 'peak' THEN 1 ELSE 2 END;
