-- runs-recompute-forget.sql: deletes the runs on a chart of the songs of
-- temp.replayed, to be counted again from their entries.
--   :chart  the chart's id
DELETE FROM run WHERE chart_id = :chart
 AND song_id IN (SELECT song_id FROM temp.replayed);
