-- catalog-alias-put.sql: records an alias of an artist (once).
--   :artist  the artist's id
--   :alias   the alias as written
--   :match   its matching form
INSERT OR IGNORE INTO artist_alias (artist_id, alias, match)
 VALUES (:artist, :alias, :match);
