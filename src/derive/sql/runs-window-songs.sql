-- runs-window-songs.sql: the songs with entries in a chart's window of
-- periods, into temp.replayed: their runs are counted again.
--   :chart  the chart's id
--   :from   the window's first period
--   :until  its last period
INSERT OR IGNORE INTO temp.replayed SELECT e.song_id
 FROM snapshot s JOIN entry e ON e.snapshot_id = s.id
 WHERE s.chart_id = :chart AND s.period BETWEEN :from AND :until;
