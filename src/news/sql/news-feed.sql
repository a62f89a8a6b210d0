-- news-feed.sql: the latest learned events that pass the filters, for the
-- Atom feed (atom.c): the latest first; the same filters as news-list.sql.
--   :kind, :chart, :artist  as in news-list.sql
--   :limit  the entries
SELECT id, kind, chart_id, period, song_id, sentence, key, learned
 FROM event
 WHERE (:kind IS NULL OR kind = :kind)
  AND (:chart IS NULL OR chart_id = :chart)
  AND (:artist IS NULL OR artist_id = :artist
   OR song_id IN (SELECT song_id FROM song_artist WHERE artist_id = :artist))
 ORDER BY id DESC LIMIT :limit;
