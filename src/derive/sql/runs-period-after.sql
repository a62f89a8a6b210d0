-- runs-period-after.sql: a chart's first and last stored periods after
-- another (NULLs: none), the rest of the chart after a window.
--   :chart  the chart's id
--   :after  the window's last period
SELECT min(period), max(period) FROM snapshot
 WHERE chart_id = :chart AND period > :after;
