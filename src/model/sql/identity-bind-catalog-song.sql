-- identity-bind-catalog-song.sql: binds a catalog song to its song entity
-- (no change when it is bound to it already).
--   :catalog_song  the catalog song's id
--   :song          the song entity's id
UPDATE catalog_song SET song_id = :song WHERE id = :catalog_song
 AND song_id IS NOT :song;
