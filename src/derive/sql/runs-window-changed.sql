-- runs-window-changed.sql: how many rows of a chart's window derived again
-- went to another song than before, among those of songs the operation did
-- not mean to touch (not in temp.id_scope): when any did, the periods after
-- the window are derived again too (runs.c).
--   :chart  the chart's id
SELECT count(*) FROM temp.old_entry o JOIN snapshot s ON s.id = o.snapshot_id
 LEFT JOIN entry e ON e.snapshot_id = o.snapshot_id AND e.rank = o.rank
 WHERE s.chart_id = :chart AND o.song_id NOT IN (SELECT id FROM temp.id_scope)
 AND e.song_id IS NOT o.song_id;
