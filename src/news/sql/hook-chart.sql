-- hook-chart.sql: whether a chart is registered, for a webhook's chart
-- filter (hook.c, kc_hook_add): its id, no row when not.
--   :chart  the chart's id
SELECT id FROM chart WHERE id = :chart;
