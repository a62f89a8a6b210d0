-- catalog-artist-matching.sql: the artists whose name or an alias has a
-- matching form (more than one: the name is ambiguous).
--   :match  the matching form of the name
SELECT id FROM artist WHERE match = :match
 UNION SELECT artist_id FROM artist_alias WHERE match = :match;
