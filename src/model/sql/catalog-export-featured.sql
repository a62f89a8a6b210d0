-- catalog-export-featured.sql: the names of a catalog song's featured
-- artists, in credit order, for the export.
--   :song  the catalog song's id
SELECT a.name FROM song_credit c JOIN artist a ON a.id = c.artist_id
 WHERE c.catalog_song_id = :song AND c.credit = 'featured' ORDER BY c.pos;
