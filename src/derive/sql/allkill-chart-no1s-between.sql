-- allkill-chart-no1s-between.sql: as allkill-chart-no1s.sql, the periods
-- from one day up to (not including) another only.
--   :chart  the chart's id
--   :from   the first day (YYYY-MM-DD)
--   :to     the day after the last
SELECT c.cadence, c.published, s.period, e.song_id, c.timezone
 FROM chart c JOIN snapshot s ON s.chart_id = c.id
 LEFT JOIN entry e INDEXED BY entry_no1 ON e.snapshot_id = s.id AND e.rank = 1
 WHERE c.id = :chart AND s.period >= :from AND s.period < :to ORDER BY s.period;
