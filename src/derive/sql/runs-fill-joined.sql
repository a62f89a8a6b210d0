-- runs-fill-joined.sql: how many rows of a chart that a fill derived again
-- (temp.old_entry) went to a song whose entries were kept: one neither of
-- the operation (temp.id_scope) nor made by it (above temp.id_floor). Its
-- run counted them on top of later entries: the fill is undone, and the
-- periods derived again whole (kchart.c).
--   :chart  the chart's id
SELECT count(*) FROM temp.old_entry o JOIN snapshot s ON s.id = o.snapshot_id
 JOIN entry e ON e.snapshot_id = o.snapshot_id AND e.rank = o.rank
 WHERE s.chart_id = :chart AND e.song_id NOT IN (SELECT id FROM temp.id_scope)
 AND e.song_id <= coalesce((SELECT max(n) FROM temp.id_floor), 0);
