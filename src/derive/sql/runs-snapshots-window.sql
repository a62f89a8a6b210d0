-- runs-snapshots-window.sql: the snapshots of a chart in a window of
-- periods, in order.
--   :chart  the chart's id
--   :from   the window's first period
--   :until  its last period
SELECT id, period, has_counters FROM snapshot WHERE chart_id = :chart
 AND period BETWEEN :from AND :until ORDER BY period;
