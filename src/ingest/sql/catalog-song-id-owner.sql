-- catalog-song-id-owner.sql: the catalog song that holds a provider id or
-- ISRC already, and its key (no row: none).
--   :kind   provider or isrc
--   :value  the id ('spotify:track:...', an ISRC without hyphens)
SELECT s.id, s.key FROM catalog_song_id i JOIN catalog_song s ON s.id = i.catalog_song_id
 WHERE i.kind = :kind AND i.value = :value;
