-- runs-period-before.sql: a chart's last stored period before another
-- (NULL: none), the previous period of a window derived again.
--   :chart  the chart's id
--   :from   the window's first period
SELECT max(period) FROM snapshot WHERE chart_id = :chart AND period < :from;
