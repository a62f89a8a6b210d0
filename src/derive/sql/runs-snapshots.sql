-- runs-snapshots.sql: the snapshots of a chart after a period, in order.
--   :chart  the chart's id
--   :after  the last period derived ('' for all of them)
SELECT id, period, has_counters FROM snapshot WHERE chart_id = :chart
 AND period > :after ORDER BY period;
