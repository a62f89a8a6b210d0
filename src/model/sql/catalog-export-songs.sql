-- catalog-export-songs.sql: every catalog song, by key, for the export:
-- its id (for its credits and ids), then its key and title.
SELECT id, key, title FROM catalog_song ORDER BY key;
