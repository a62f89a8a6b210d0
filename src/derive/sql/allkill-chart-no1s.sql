-- allkill-chart-no1s.sql: a chart's cadence, publication delay and time
-- zone, with each stored period and its No. 1 song (NULL: none), in order.
--   :chart  the chart's id
SELECT c.cadence, c.published, s.period, e.song_id, c.timezone
 FROM chart c JOIN snapshot s ON s.chart_id = c.id
 LEFT JOIN entry e INDEXED BY entry_no1 ON e.snapshot_id = s.id AND e.rank = 1
 WHERE c.id = :chart ORDER BY s.period;
