-- coverage-sync-stale.sql: drops the rows of chart_cover (migrate-014.sql)
-- of a chart no longer registered, counted by another cadence than the
-- chart's, or stale without a period after its last (which
-- coverage-sync-extend.sql could add): computed again whole.
DELETE FROM chart_cover WHERE NOT EXISTS (SELECT 1 FROM chart c
 WHERE c.id = chart_cover.chart_id AND c.cadence = chart_cover.cadence)
 OR (chart_cover.stale AND NOT EXISTS (SELECT 1 FROM snapshot s
  WHERE s.chart_id = chart_cover.chart_id AND s.period > chart_cover.last));
