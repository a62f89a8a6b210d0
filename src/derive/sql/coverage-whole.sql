-- coverage-whole.sql: what the store holds of a chart over all its
-- periods, from its row of chart_cover (migrate-014.sql), brought up to
-- date before this runs (kc__coverage_sync): the same as coverage-chart.sql
-- and coverage-periods.sql's periods summed whole (derive/coverage.c), a
-- row read instead of every stored period (33,493 of the Melon real-time
-- chart). No row when the chart is not in the registry; NULL first when
-- it has no row in chart_cover.
--   :chart  the chart's id
SELECT c.name, c.cadence, v.first, v.last, v.periods, v.missing, v.partial,
 (SELECT count(*) FROM entry e WHERE e.snapshot_id = v.first_id AND e.seeded
  AND e.periods > 1)
 FROM chart c LEFT JOIN chart_cover v ON v.chart_id = c.id
 WHERE c.id = :chart;
