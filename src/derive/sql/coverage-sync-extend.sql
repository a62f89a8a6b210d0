-- coverage-sync-extend.sql: adds to each stale row of chart_cover
-- (migrate-014.sql; :chart's, or every one when NULL) the periods stored
-- after its last: their count, the periods missing before each by the
-- chart's cadence (the first's counted from the row's last) and the partial
-- ones, and makes the last of them its last. Reads only those periods and
-- the last: the periods before it are summed in the row already (a period
-- stored at or before the last drops the row instead: the triggers).
--   :chart  the chart's id; NULL: every chart
WITH
-- todo: the stale rows, each with its last period.
 todo AS (SELECT v.chart_id AS id, v.last AS last FROM chart_cover v
  WHERE v.stale AND (:chart IS NULL OR v.chart_id = :chart)),
-- sp: the periods of each chart of todo from its last on, each with the
-- one before it.
 sp AS (SELECT s.chart_id AS chart_id, s.period AS period, s.partial AS partial,
  lag(s.period) OVER (PARTITION BY s.chart_id ORDER BY s.period) AS prev
  FROM snapshot s JOIN todo t ON s.chart_id = t.id AND s.period >= t.last),
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
-- tail, a row a chart: the periods after the last, summed.
 tail AS (SELECT gap.chart_id AS chart_id, max(gap.period) AS last,
  count(*) AS periods, sum(gap.partial) AS partial, sum(gap.missing) AS missing
  FROM gap JOIN todo t ON t.id = gap.chart_id WHERE gap.period > t.last
  GROUP BY gap.chart_id)
UPDATE chart_cover SET last = tail.last,
 periods = chart_cover.periods + tail.periods,
 missing = chart_cover.missing + tail.missing,
 partial = chart_cover.partial + tail.partial, stale = 0
 FROM tail WHERE chart_cover.chart_id = tail.chart_id;
