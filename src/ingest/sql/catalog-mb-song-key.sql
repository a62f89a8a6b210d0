-- catalog-mb-song-key.sql: a catalog song's key, title and credit (no row:
-- none).
--   :song  the catalog song's id
SELECT key, title, credit FROM catalog_song WHERE id = :song;
