-- query-periods-count.sql: how many periods of a chart are stored.
--   :chart  the chart's id
SELECT count(*) FROM snapshot WHERE chart_id = :chart;
