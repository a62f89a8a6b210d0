-- identity-add-alias.sql: another title of an entity (once).
--   :song   the entity
--   :alias  the title as written
--   :match  its matching form
INSERT OR IGNORE INTO song_alias (song_id, alias, match) VALUES (:song, :alias, :match);
