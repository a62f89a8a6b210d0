-- catalog-song-id-put.sql: records a provider id or ISRC of a catalog
-- song.
--   :value  the id ('spotify:track:...', an ISRC without hyphens)
--   :kind   provider or isrc
--   :song   the catalog song's id
INSERT INTO catalog_song_id (value, kind, catalog_song_id) VALUES (:value, :kind, :song);
