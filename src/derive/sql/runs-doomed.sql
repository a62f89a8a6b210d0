-- runs-doomed.sql: the songs only a chart knows, into temp.doomed: no run
-- on another chart, and neither the catalog's nor the series' (those stay).
--   :chart  the chart's id
INSERT INTO temp.doomed SELECT song_id FROM run r
 WHERE chart_id = :chart AND NOT EXISTS (SELECT 1 FROM run x
 WHERE x.song_id = r.song_id AND x.chart_id <> :chart)
 AND NOT EXISTS (SELECT 1 FROM catalog_song c
 WHERE c.song_id = r.song_id) AND NOT EXISTS (SELECT 1
 FROM subject s WHERE s.song_id = r.song_id);
