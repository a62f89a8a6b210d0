-- allkill-chart.sql: a chart's cadence and time zone, to check a rule set's
-- charts against the registry (no row: no such chart).
--   :chart  the chart's id
SELECT cadence, timezone FROM chart WHERE id = :chart;
