-- coverage-sync-needed.sql: whether a chart (:chart, or any when NULL)
-- lacks its row of chart_cover (migrate-014.sql), or has one that is
-- stale or counted by another cadence than the chart's.
--   :chart  the chart's id; NULL: every chart
SELECT EXISTS (SELECT 1 FROM chart c WHERE (:chart IS NULL OR c.id = :chart)
 AND NOT EXISTS (SELECT 1 FROM chart_cover v WHERE v.chart_id = c.id
  AND v.cadence = c.cadence AND NOT v.stale));
