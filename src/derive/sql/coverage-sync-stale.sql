-- coverage-sync-stale.sql: drops the rows of chart_cover (migrate-014.sql)
-- of a chart no longer registered, or counted by another cadence than the
-- chart's.
DELETE FROM chart_cover WHERE NOT EXISTS (SELECT 1 FROM chart c
 WHERE c.id = chart_cover.chart_id AND c.cadence = chart_cover.cadence);
