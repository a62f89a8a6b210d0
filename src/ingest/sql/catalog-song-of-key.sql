-- catalog-song-of-key.sql: the catalog song of a key (no row: none).
--   :key  the song's key in the catalog
SELECT id FROM catalog_song WHERE key = :key;
