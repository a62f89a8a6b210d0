-- catalog-mb-alias-put.sql: records an alias of an artist with its locale;
-- an alias stored without a locale gains the one given.
--   :artist  the artist's id
--   :alias   the alias as written
--   :match   its matching form
--   :locale  its locale (ko, en, ja ...); NULL: not given
INSERT INTO artist_alias (artist_id, alias, match, locale)
 VALUES (:artist, :alias, :match, :locale)
 ON CONFLICT (artist_id, alias) DO UPDATE SET locale = :locale
 WHERE locale IS NULL AND :locale IS NOT NULL;
