-- ids-note-chart.sql: before a chart is derived again from its start
-- (runs.c's reset), its entries as they are (runs-note-doomed.sql notes
-- the rest).
--   :chart  the chart's id
INSERT INTO temp.old_entry SELECT e.snapshot_id, e.rank, e.song_id
 FROM snapshot s JOIN entry e ON e.snapshot_id = s.id WHERE s.chart_id = :chart;
