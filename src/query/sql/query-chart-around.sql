-- query-chart-around.sql: what a page of a chart's period needs besides its
-- rows, in the same read: the period's entries, the period before it and
-- the one after it (NULL when none).
--   :chart   the chart's id
--   :period  the period
SELECT (SELECT count(*) FROM snapshot s JOIN entry e ON e.snapshot_id = s.id
  WHERE s.chart_id = :chart AND s.period = :period),
 (SELECT max(period) FROM snapshot WHERE chart_id = :chart AND period < :period),
 (SELECT min(period) FROM snapshot WHERE chart_id = :chart AND period > :period);
