-- catalog-mb-song-key.sql: the key of a catalog song (no row: none).
--   :song  the catalog song's id
SELECT key FROM catalog_song WHERE id = :song;
