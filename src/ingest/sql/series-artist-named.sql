-- series-artist-named.sql: the artists a name may mean: its name exactly,
-- or a name or alias with its matching form.
--   :name   the name as written
--   :match  its matching form
SELECT id, name FROM artist WHERE name = :name UNION SELECT id, name FROM artist
 WHERE match = :match UNION SELECT r.id, r.name FROM artist_alias a JOIN artist r
 ON r.id = a.artist_id WHERE a.match = :match;
