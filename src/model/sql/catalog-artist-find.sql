-- catalog-artist-find.sql: the artists a name may mean (kc__artist_find):
-- 0 and the artist named so exactly, then 1 and each artist whose name or
-- alias has the name's matching form; exact first, then by name.
--   :name   the name as written
--   :match  its matching form
SELECT 0, a.id, a.name FROM artist a WHERE a.name = :name
 UNION SELECT 1, a.id, a.name FROM artist a WHERE a.match = :match
 UNION SELECT 1, a.id, a.name FROM artist_alias l JOIN artist a ON a.id = l.artist_id
 WHERE l.match = :match ORDER BY 1, 3, 2;
