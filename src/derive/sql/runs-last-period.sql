-- runs-last-period.sql: the last period of a chart derived so far: its
-- newest snapshot with entries (the ones just stored have none yet).
--   :chart  the chart's id
SELECT s.period FROM snapshot s WHERE s.chart_id = :chart
 AND EXISTS (SELECT 1 FROM entry e
 WHERE e.snapshot_id = s.id)
 ORDER BY s.period DESC LIMIT 1;
