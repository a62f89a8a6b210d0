-- records-cross-walk.sql: the entries of a chart that meet a threshold of
-- a counter, in the order of its periods (kchart records --chart ID
-- --at-least N --first or --only, no --at), for records.c's walk: the first
-- of a song's to meet it is its crossing, by records-chart.sql's rule (r:
-- the period, and ' open' when the provider's counters took it past the
-- threshold there). For no1, the chart's No. 1s (r NULL): the Nth of a
-- song is its crossing. The walk stops once its page is full, so that a
-- threshold most songs met reads a few periods, not the chart. The
-- entries that do not meet the threshold are passed over by the WHERE,
-- the crossing's test alone, before the grouping and the flag are worked
-- out (a walk of the whole Hot 100 at 52 periods: 2.9 million steps of
-- SQLite's machine, 11.0 million without).
--   :measure    periods, no1, peak or streak
--   :chart      the chart's id
--   :at_least   the threshold, as text
SELECT s.period AS period, e.song_id AS song,
-- begin shared: crossing
  min(CASE WHEN (:measure = 'periods' AND e.periods >= CAST(:at_least AS INTEGER))
   OR (:measure = 'streak' AND e.streak >= CAST(:at_least AS INTEGER))
   OR (:measure = 'peak' AND e.peak <= CAST(:at_least AS INTEGER))
   THEN s.period || CASE WHEN (:measure = 'periods' AND e.seeded
    AND e.periods > CAST(:at_least AS INTEGER))
   OR (:measure = 'streak' AND e.seeded AND e.streak > CAST(:at_least AS INTEGER))
   OR (:measure = 'peak' AND (e.rank > CAST(:at_least AS INTEGER)
    OR (e.seeded AND e.periods > 1)))
   THEN ' open' ELSE '' END END) AS r
-- end shared: crossing
  FROM snapshot s JOIN entry e ON e.snapshot_id = s.id
  WHERE s.chart_id = :chart
  AND e.rank <= CASE WHEN :measure = 'no1' THEN 1 ELSE 2147483647 END
  AND (:measure = 'no1'
   OR (:measure = 'periods' AND e.periods >= CAST(:at_least AS INTEGER))
   OR (:measure = 'streak' AND e.streak >= CAST(:at_least AS INTEGER))
   OR (:measure = 'peak' AND e.peak <= CAST(:at_least AS INTEGER)))
  GROUP BY s.period, e.rank HAVING r IS NOT NULL OR :measure = 'no1'
  ORDER BY s.period, e.rank;
