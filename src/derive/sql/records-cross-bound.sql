-- records-cross-bound.sql: the value of a chart's counter that the
-- :rank-th run holds in the measure's order (most periods, best peak,
-- longest streak, most periods at No. 1), NULL when the chart has fewer
-- runs (no1: fewer that were No. 1). kchart records --most with a
-- threshold and a limit (records.c, cross_most) lists the songs at or
-- above it, its ties included: every song the page can rank, and no
-- other, read from the index as records-chart.sql's :top reads the most
-- of every song.
--   :measure    periods, no1, peak or streak
--   :chart      the chart's id
--   :rank       the page's last rank, as text
SELECT CASE :measure
 WHEN 'periods' THEN (SELECT periods FROM run INDEXED BY run_top_periods
  WHERE chart_id = :chart ORDER BY periods DESC
  LIMIT 1 OFFSET CAST(:rank AS INTEGER) - 1)
 WHEN 'peak' THEN (SELECT peak FROM run INDEXED BY run_top_peak
  WHERE chart_id = :chart ORDER BY peak
  LIMIT 1 OFFSET CAST(:rank AS INTEGER) - 1)
 WHEN 'streak' THEN (SELECT longest_streak FROM run INDEXED BY run_top_streak
  WHERE chart_id = :chart ORDER BY longest_streak DESC
  LIMIT 1 OFFSET CAST(:rank AS INTEGER) - 1)
 WHEN 'no1' THEN (SELECT periods_at_no1 FROM run INDEXED BY run_top_no1
  WHERE chart_id = :chart AND periods_at_no1 > 0 ORDER BY periods_at_no1 DESC
  LIMIT 1 OFFSET CAST(:rank AS INTEGER) - 1) END;
