-- sales-release-put.sql: makes an album release that a sales file names
-- and the catalog lacks (--create; its id: the last rowid).
--   :key       '<artist>/<title>'
--   :title     the title
--   :artist    the artist's id
--   :released  the day, YYYY-MM-DD, as written
--   :zone      the zone it was released in (the provider's)
--   :utc       midnight of that day there, seconds since 1970 UTC
INSERT INTO release (key, title, kind, artist_id, released,
 time_zone, released_utc) VALUES (:key, :title, 'album', :artist, :released, :zone, :utc);
