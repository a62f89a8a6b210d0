-- news-artist-exists.sql: whether an artist of this id is stored (an
-- artist filter given as an id).
--   :artist  the id
SELECT EXISTS (SELECT 1 FROM artist WHERE id = :artist);
