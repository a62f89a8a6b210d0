-- query-latest-period.sql: the latest stored period of a chart (NULL when
-- none is stored).
--   :chart  the chart's id
SELECT max(period) FROM snapshot WHERE chart_id = :chart;
