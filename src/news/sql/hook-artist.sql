-- hook-artist.sql: whether an artist of that id is stored, for a webhook's
-- artist filter given by id (hook.c, kc_hook_add): its id, no row when not.
--   :id  the artist's id
SELECT id FROM artist WHERE id = :id;
