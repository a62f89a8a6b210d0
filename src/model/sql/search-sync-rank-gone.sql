-- search-sync-rank-gone.sql: takes away the places (song_rank,
-- migrate-013.sql) of songs that are gone: of every place, or of the
-- songs touched.
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
DELETE FROM song_rank WHERE song_id IN (SELECT song_id FROM song_rank
  WHERE :whole IS NOT NULL
  UNION ALL
  SELECT ref FROM search_touch WHERE :whole IS NULL AND src = 'song')
 AND NOT EXISTS (SELECT 1 FROM song s WHERE s.id = song_rank.song_id);
