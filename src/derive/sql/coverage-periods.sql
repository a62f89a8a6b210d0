-- coverage-periods.sql: every stored period of one chart, in order, with
-- how many periods are missing between the one before and it by the
-- chart's cadence, and whether it is partial: derive/coverage.c sums them
-- over a window, as query-charts.sql does over the whole.
--   :chart  the chart's id
WITH
 sp AS (SELECT s.chart_id AS chart_id, s.period AS period, s.partial AS partial,
  lag(s.period) OVER (ORDER BY s.period) AS prev
  FROM snapshot s WHERE s.chart_id = :chart),
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
 g AS (SELECT period, partial, missing FROM gap)
 SELECT period, partial, missing FROM g ORDER BY period;
