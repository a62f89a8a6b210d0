-- catalog-export-aliases.sql: an artist's aliases, in order, for the
-- export.
--   :artist  the artist's id
SELECT alias FROM artist_alias WHERE artist_id = :artist ORDER BY alias;
