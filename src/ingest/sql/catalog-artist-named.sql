-- catalog-artist-named.sql: the artist of a name, written exactly (no
-- row: none).
--   :name  the name
SELECT id FROM artist WHERE name = :name;
