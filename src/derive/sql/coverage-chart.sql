-- coverage-chart.sql: a chart's name and cadence, its first stored period,
-- and how many entries of that period had charted before it by the
-- provider's own counter (entry.seeded with periods past 1: the store
-- begins mid-history), as query-charts.sql counts them.
--   :chart  the chart's id
SELECT c.name, c.cadence, f.period,
 (SELECT count(*) FROM entry e WHERE e.snapshot_id = f.id AND e.seeded
  AND e.periods > 1)
 FROM chart c LEFT JOIN snapshot f ON f.chart_id = c.id
  AND f.period = (SELECT min(period) FROM snapshot g WHERE g.chart_id = c.id)
 WHERE c.id = :chart;
