-- catalog-release-put.sql: adds a release by key, or sets every column of
-- the one stored (kchart's format).
--   :key       the release's key in the catalog ('<artist>/<title>' unless
--              given)
--   :title     the title
--   :kind      album, ep, single, repackage, mixtape or ost
--   :artist    the artist's id; NULL: none
--   :released  when it came out, as written
--   :zone      the time zone it came out in
--   :utc       that instant, seconds since 1970 UTC
INSERT INTO release (key, title, kind, artist_id, released, time_zone, released_utc)
 VALUES (:key, :title, :kind, :artist, :released, :zone, :utc)
 ON CONFLICT (key) DO UPDATE SET title = :title, kind = :kind, artist_id = :artist,
 released = :released, time_zone = :zone, released_utc = :utc
 WHERE title IS NOT :title OR kind IS NOT :kind OR artist_id IS NOT :artist
 OR released IS NOT :released OR time_zone IS NOT :zone OR released_utc IS NOT :utc;
