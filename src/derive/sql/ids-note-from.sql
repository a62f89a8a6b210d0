-- ids-note-from.sql: before a chart is derived again from a period on (a
-- backfill: runs.c, kc__runs_derive_from), its entries from that period
-- on as they are (ids-note-from-scope.sql then notes their songs, those
-- songs' keys and the highest id in use).
--   :chart  the chart's id
--   :from   the first period derived again
INSERT INTO temp.old_entry SELECT e.snapshot_id, e.rank, e.song_id
 FROM snapshot s JOIN entry e ON e.snapshot_id = s.id
 WHERE s.chart_id = :chart AND s.period >= :from;
