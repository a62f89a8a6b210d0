-- runs-window-note.sql: the entries of a chart's window of periods, as
-- they are before it is derived again (ids.c gives each entity the id of
-- the one whose entries it holds most of); their songs are replayed.
--   :chart  the chart's id
--   :from   the window's first period
--   :until  its last period
INSERT OR IGNORE INTO temp.old_entry SELECT e.snapshot_id, e.rank, e.song_id
 FROM snapshot s JOIN entry e ON e.snapshot_id = s.id
 WHERE s.chart_id = :chart AND s.period BETWEEN :from AND :until;
