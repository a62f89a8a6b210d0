-- runs-forget-runs.sql: deletes the runs of a chart.
--   :chart  the chart's id
DELETE FROM run WHERE chart_id = :chart;
