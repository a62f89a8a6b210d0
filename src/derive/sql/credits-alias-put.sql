-- credits-alias-put.sql: the other script's name of a credit's
-- "제니 (JENNIE)", as an alias of the artist (once).
--   :artist  the artist's id
--   :alias   the alias as written
--   :match   its matching form
--   :locale  ko for Hangul, else NULL
INSERT OR IGNORE INTO artist_alias (artist_id, alias, match, locale)
 VALUES (:artist, :alias, :match, :locale);
