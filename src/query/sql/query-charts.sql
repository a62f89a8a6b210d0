-- query-charts.sql: the registry's charts (kchart charts), each with what
-- is stored of it: how many periods, the first and the latest, how many are
-- missing between them, how many are partial, and how many songs of the
-- first had charted before it (docs/entities.md, "What the store covers").
--   :chart  NULL (every chart)
WITH
-- sp: the stored periods of each chart (:chart, or every one when NULL),
-- each with the one before it.
 sp AS (SELECT s.chart_id AS chart_id, s.period AS period, s.partial AS partial,
  lag(s.period) OVER (PARTITION BY s.chart_id ORDER BY s.period) AS prev
  FROM snapshot s WHERE :chart IS NULL OR s.chart_id = :chart),
-- begin shared: coverage
-- cov, a row a chart of sp (its stored periods, each with the one before
-- it, in prev): the first and last, how many are stored, how many are
-- missing between them by the chart's cadence (an hour, a day, 7 days, a
-- month, a year; a weekly step of 8 to 13 days misses none: Billboard
-- moved from Mondays to Saturdays in 1962, a 12-day step), how many are
-- partial (snapshot.partial: a per-song series holds only its songs'
-- ranks), and seeded: how many entries of the chart's first stored period
-- had charted before it by the provider's own counter (entry.seeded with
-- periods past 1: the store begins mid-history).
 cov AS (SELECT sp.chart_id AS chart_id, min(sp.period) AS first,
  max(sp.period) AS last, count(*) AS periods, sum(sp.partial) AS partial,
  sum(CASE WHEN sp.prev IS NULL THEN 0 ELSE max(0, CASE c.cadence
   WHEN 'hourly' THEN CAST(round((julianday(replace(sp.period, 'T', ' ')
    || ':00') - julianday(replace(sp.prev, 'T', ' ') || ':00')) * 24) AS INTEGER)
   WHEN 'daily' THEN CAST(julianday(sp.period) - julianday(sp.prev) AS INTEGER)
   WHEN 'weekly'
    THEN CAST(julianday(sp.period) - julianday(sp.prev) AS INTEGER) / 7
   WHEN 'monthly' THEN CAST(substr(sp.period, 1, 4) AS INTEGER) * 12
    + CAST(substr(sp.period, 6, 2) AS INTEGER)
    - CAST(substr(sp.prev, 1, 4) AS INTEGER) * 12
    - CAST(substr(sp.prev, 6, 2) AS INTEGER)
   ELSE CAST(sp.period AS INTEGER) - CAST(sp.prev AS INTEGER) END - 1) END)
   AS missing,
  (SELECT count(*) FROM snapshot f JOIN entry e ON e.snapshot_id = f.id
   WHERE f.chart_id = sp.chart_id AND f.period = (SELECT min(period)
    FROM snapshot g WHERE g.chart_id = sp.chart_id)
   AND e.seeded AND e.periods > 1) AS seeded
  FROM sp JOIN chart c ON c.id = sp.chart_id GROUP BY sp.chart_id)
-- end shared: coverage
SELECT c.id AS id, c.provider AS provider, c.name AS name, c.region AS region,
 c.cadence AS cadence, c.timezone AS timezone, c.size AS size,
 c.published AS published, coalesce(v.periods, 0) AS periods_stored,
 v.first AS first, v.last AS latest, coalesce(v.missing, 0) AS missing,
 coalesce(v.partial, 0) AS partial, coalesce(v.seeded, 0) AS seeded
 FROM chart c LEFT JOIN cov v ON v.chart_id = c.id ORDER BY c.id;
