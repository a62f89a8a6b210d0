-- catalog-credit-put.sql: adds or updates an artist's credit on a catalog
-- song.
--   :song    the catalog song's id
--   :artist  the artist's id
--   :credit  lead or featured
--   :pos     its place in the credit, from 0
INSERT INTO song_credit (catalog_song_id, artist_id, credit, pos)
 VALUES (:song, :artist, :credit, :pos)
 ON CONFLICT (catalog_song_id, artist_id) DO UPDATE SET credit = :credit, pos = :pos
 WHERE credit IS NOT :credit OR pos IS NOT :pos;
