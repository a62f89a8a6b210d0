-- runs-window-later.sql: the songs with entries in a chart's window of
-- periods and after it, into temp.replayed: their runs, counted up to the
-- window's end by the replay, are counted again from all their entries.
--   :chart  the chart's id
--   :from   the window's first period
--   :until  its last period
INSERT OR IGNORE INTO temp.replayed SELECT DISTINCT e.song_id
 FROM snapshot s JOIN entry e ON e.snapshot_id = s.id
 WHERE s.chart_id = :chart AND s.period > :until AND e.song_id IN
 (SELECT w.song_id FROM snapshot x JOIN entry w ON w.snapshot_id = x.id
 WHERE x.chart_id = :chart AND x.period BETWEEN :from AND :until);
