-- coverage-sync-add.sql: the row of chart_cover (migrate-014.sql) of each
-- chart (:chart, or every one when NULL) that has none: its first and last
-- stored period, how many are stored, missing between them by its cadence
-- and partial, as query-charts-walk.sql counts them (docs/entities.md,
-- "What the store covers"). A chart with no stored period gets a row of
-- zeros.
--   :chart  the chart's id; NULL: every chart
WITH
-- todo: the charts to sum.
 todo AS (SELECT c.id AS id FROM chart c WHERE (:chart IS NULL OR c.id = :chart)
  AND NOT EXISTS (SELECT 1 FROM chart_cover v WHERE v.chart_id = c.id)),
-- sp: the stored periods of each chart of todo, each with the one before it.
 sp AS (SELECT s.chart_id AS chart_id, s.period AS period, s.partial AS partial,
  lag(s.period) OVER (PARTITION BY s.chart_id ORDER BY s.period) AS prev
  FROM snapshot s WHERE s.chart_id IN (SELECT id FROM todo)),
-- begin shared: coverage-gaps
-- gap: each period of sp (the stored periods, each with the one before it,
-- in prev) with how many periods are missing between the one before and
-- it, by the chart's cadence (an hour, a day, 7 days, a month, a year; a
-- weekly step of 8 to 13 days misses none: Billboard moved from Mondays to
-- Saturdays in 1962, a 12-day step; two hours of one day, or two days of
-- one month, are told apart without a date's parse), and whether it is partial
-- (snapshot.partial: a per-song series holds only its songs' ranks).
 gap AS (SELECT sp.chart_id AS chart_id, sp.period AS period,
  sp.partial AS partial, CASE WHEN sp.prev IS NULL THEN 0 ELSE max(0, CASE c.cadence
   WHEN 'hourly' THEN CASE WHEN substr(sp.period, 1, 10) = substr(sp.prev, 1, 10)
    THEN CAST(substr(sp.period, 12, 2) AS INTEGER)
     - CAST(substr(sp.prev, 12, 2) AS INTEGER)
    ELSE CAST(round((julianday(replace(sp.period, 'T', ' ') || ':00')
     - julianday(replace(sp.prev, 'T', ' ') || ':00')) * 24) AS INTEGER) END
   WHEN 'daily' THEN CASE WHEN substr(sp.period, 1, 7) = substr(sp.prev, 1, 7)
    THEN CAST(substr(sp.period, 9, 2) AS INTEGER)
     - CAST(substr(sp.prev, 9, 2) AS INTEGER)
    ELSE CAST(julianday(sp.period) - julianday(sp.prev) AS INTEGER) END
   WHEN 'weekly'
    THEN CAST(julianday(sp.period) - julianday(sp.prev) AS INTEGER) / 7
   WHEN 'monthly' THEN CAST(substr(sp.period, 1, 4) AS INTEGER) * 12
    + CAST(substr(sp.period, 6, 2) AS INTEGER)
    - CAST(substr(sp.prev, 1, 4) AS INTEGER) * 12
    - CAST(substr(sp.prev, 6, 2) AS INTEGER)
   ELSE CAST(sp.period AS INTEGER) - CAST(sp.prev AS INTEGER) END - 1) END
   AS missing FROM sp JOIN chart c ON c.id = sp.chart_id),
-- end shared: coverage-gaps
-- cov, a row a chart: the first and last period, how many are stored,
-- missing between them and partial.
 cov AS (SELECT gap.chart_id AS chart_id, min(gap.period) AS first,
  max(gap.period) AS last, count(*) AS periods, sum(gap.partial) AS partial,
  sum(gap.missing) AS missing FROM gap GROUP BY gap.chart_id)
INSERT INTO chart_cover (chart_id, cadence, first, last, first_id, periods,
 missing, partial)
 SELECT c.id, c.cadence, v.first, v.last,
 (SELECT f.id FROM snapshot f WHERE f.chart_id = c.id AND f.period = v.first),
 coalesce(v.periods, 0), coalesce(v.missing, 0), coalesce(v.partial, 0)
 FROM todo t JOIN chart c ON c.id = t.id LEFT JOIN cov v ON v.chart_id = c.id;
