-- catalog-release-put-keep.sql: adds a release by key; one stored stays as
-- it is (data.json, which does not know a release's kind).
--   :key       the release's key in the catalog
--   :title     the title
--   :kind      album, ep, single, repackage, mixtape or ost
--   :artist    the artist's id; NULL: none
--   :released  when it came out, as written
--   :zone      the time zone it came out in
--   :utc       that instant, seconds since 1970 UTC
INSERT INTO release (key, title, kind, artist_id, released, time_zone, released_utc)
 VALUES (:key, :title, :kind, :artist, :released, :zone, :utc)
 ON CONFLICT (key) DO NOTHING;
