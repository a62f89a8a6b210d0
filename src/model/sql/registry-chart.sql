-- registry-chart.sql: a registered chart's cadence and size (no row: not
-- registered).
--   :id  the chart's id
SELECT cadence, size FROM chart WHERE id = :id;
