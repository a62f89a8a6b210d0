-- catalog-export-isrcs.sql: the ISRCs of a catalog song, in order, for the
-- export.
--   :song  the catalog song's id
SELECT value FROM catalog_song_id WHERE catalog_song_id = :song AND kind = 'isrc'
 ORDER BY value;
