-- query-artist-aliases.sql: an artist's aliases, by alias.
--   :artist  the artist's id
SELECT alias, locale FROM artist_alias WHERE artist_id = :artist ORDER BY alias;
