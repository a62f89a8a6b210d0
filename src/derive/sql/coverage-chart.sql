-- coverage-chart.sql: what the store holds of one chart between two days
-- (derive/coverage.c), as query-charts.sql counts it, with the chart's
-- name and cadence; no row when none of its periods is stored there.
--   :chart  the chart's id
--   :from   the first day (YYYY-MM-DD) or hour (YYYY-MM-DDTHH), or NULL
--   :to     the last day or hour, or NULL
WITH
-- sp: the chart's stored periods from :from to :to (a day YYYY-MM-DD, or
-- an hour YYYY-MM-DDTHH; NULL: no bound): an hourly period by its hour,
-- another by its first day; first bounded by the year of :from and by :to
-- as text, a range of the index on snapshot(chart_id, period). Each with
-- the period before it.
 sp AS (SELECT s.chart_id AS chart_id, s.period AS period, s.partial AS partial,
  lag(s.period) OVER (ORDER BY s.period) AS prev
  FROM snapshot s WHERE s.chart_id = :chart
  AND s.period >= coalesce(substr(:from, 1, 4), '')
  AND s.period <= coalesce(:to || CASE WHEN length(:to) = 10 THEN 'T99' ELSE '' END,
   '~')
  AND (:from IS NULL OR CASE WHEN length(s.period) = 13 THEN s.period
   ELSE substr(s.period || '-01-01', 1, 10) END >= :from)
  AND (:to IS NULL OR CASE WHEN length(s.period) = 13 THEN s.period
   ELSE substr(s.period || '-01-01', 1, 10) END
   <= :to || CASE WHEN length(:to) = 10 THEN 'T99' ELSE '' END)),
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
SELECT c.name, c.cadence, v.first, v.last, v.periods, v.missing, v.partial,
 v.seeded, (SELECT min(period) FROM snapshot g WHERE g.chart_id = c.id)
 FROM cov v JOIN chart c ON c.id = v.chart_id;
