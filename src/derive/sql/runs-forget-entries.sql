-- runs-forget-entries.sql: deletes the derived entries of a chart.
--   :chart  the chart's id
DELETE FROM entry WHERE snapshot_id IN
 (SELECT id FROM snapshot WHERE chart_id = :chart);
