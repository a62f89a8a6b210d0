-- sales-releases-of-artist.sql: an artist's releases, to match a title
-- against (in C: its matching form).
--   :artist  the artist's id
SELECT id, title FROM release WHERE artist_id = :artist;
