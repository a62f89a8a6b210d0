-- records-cross-count.sql: how many songs of a chart met a threshold of a
-- counter (kchart records --chart ID --at-least N, no --at): the runs that
-- have it, since a run's counters are the most and the best its entries
-- reached (records-chart.sql). Each measure counts a range of its index
-- (run_top_*, migrate-016.sql), as records-cross-songs.sql lists it. With
-- the count records.c chooses how to find the crossings: each song's own
-- (records-cross-songs.sql) or a walk of the chart (records-cross-walk.sql).
--   :measure    periods, no1, peak or streak
--   :chart      the chart's id
--   :at_least   the threshold, as text
--   :listed     NULL, or a stricter threshold: how many songs met that
--               (records-cross-songs.sql's :listed)
SELECT (SELECT count(*) FROM run INDEXED BY run_top_periods
  WHERE :measure = 'periods' AND chart_id = :chart
  AND periods >= CAST(coalesce(:listed, :at_least) AS INTEGER))
 + (SELECT count(*) FROM run INDEXED BY run_top_peak
  WHERE :measure = 'peak' AND chart_id = :chart
  AND peak <= CAST(coalesce(:listed, :at_least) AS INTEGER))
 + (SELECT count(*) FROM run INDEXED BY run_top_streak
  WHERE :measure = 'streak' AND chart_id = :chart
  AND longest_streak >= CAST(coalesce(:listed, :at_least) AS INTEGER))
 + (SELECT count(*) FROM run INDEXED BY run_top_no1
  WHERE :measure = 'no1' AND chart_id = :chart
  AND periods_at_no1 > 0 AND periods_at_no1 >= CAST(coalesce(:listed, :at_least) AS INTEGER));
