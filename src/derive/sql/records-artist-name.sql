-- records-artist-name.sql: an artist's name as stored (an answer names the
-- artist so, however it was typed).
--   :artist  the artist's id
SELECT name FROM artist WHERE id = :artist;
