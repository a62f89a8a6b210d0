-- records-chart-name.sql: a chart's name and cadence (no row: no such
-- chart).
--   :chart  the chart's id
SELECT name, cadence FROM chart WHERE id = :chart;
