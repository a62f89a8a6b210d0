-- runs-window-first.sql: each song's first period among a chart's rows
-- derived again, as they were before (temp.old_entry).
--   :chart  the chart's id
SELECT o.song_id, min(s.period) FROM temp.old_entry o
 JOIN snapshot s ON s.id = o.snapshot_id WHERE s.chart_id = :chart
 GROUP BY o.song_id;
