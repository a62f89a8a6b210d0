-- query-charts-walk.sql: the registry's charts (kchart charts), or one of
-- them (its page's info), each with what is stored of it, found by walking
-- every stored period: query-charts.sql's answer when chart_cover
-- (migrate-014.sql) could not be brought up to date (a read-only store,
-- another writer holding it). How many periods, the first and the latest,
-- how many are missing between them, how many are partial, and how many
-- songs of the first had charted before it (docs/entities.md, "What the
-- store covers"); and what it ranks: song, album or artist ("What a chart
-- ranks").
--   :chart  the chart's id; NULL: every chart
WITH
-- sp: the stored periods of each chart (:chart, or every one when NULL),
-- each with the one before it.
 sp AS (SELECT s.chart_id AS chart_id, s.period AS period, s.partial AS partial,
  lag(s.period) OVER (PARTITION BY s.chart_id ORDER BY s.period) AS prev
  FROM snapshot s WHERE :chart IS NULL OR s.chart_id = :chart),
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
-- missing between them and partial, and seeded: how many entries of the
-- chart's first stored period had charted before it by the provider's own
-- counter (entry.seeded with periods past 1: the store begins mid-history).
 cov AS (SELECT gap.chart_id AS chart_id, min(gap.period) AS first,
  max(gap.period) AS last, count(*) AS periods, sum(gap.partial) AS partial,
  sum(gap.missing) AS missing,
  (SELECT count(*) FROM snapshot f JOIN entry e ON e.snapshot_id = f.id
   WHERE f.chart_id = gap.chart_id AND f.period = min(gap.period)
   AND e.seeded AND e.periods > 1) AS seeded
  FROM gap GROUP BY gap.chart_id)
SELECT c.id AS id, c.provider AS provider, c.name AS name, c.region AS region,
 c.cadence AS cadence, c.timezone AS timezone, c.size AS size,
 c.published AS published, coalesce(v.periods, 0) AS periods_stored,
 v.first AS first, v.last AS latest, coalesce(v.missing, 0) AS missing,
 coalesce(v.partial, 0) AS partial, coalesce(v.seeded, 0) AS seeded,
 c.ranks AS ranks
 FROM chart c LEFT JOIN cov v ON v.chart_id = c.id
 WHERE :chart IS NULL OR c.id = :chart ORDER BY c.id;
