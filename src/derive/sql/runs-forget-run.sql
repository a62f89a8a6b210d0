-- runs-forget-run.sql: deletes one song's run on a chart (it holds no entry
-- there any more).
--   :chart  the chart's id
--   :song   the song's id
DELETE FROM run WHERE chart_id = :chart AND song_id = :song;
