-- catalog-mb-release-new.sql: adds a release group first known from
-- MusicBrainz.
--   :key       the release's key ('<artist>/<title>', or with the MBID
--              after it when that key is taken)
--   :title     the title
--   :kind      album, ep, single, mixtape or ost (docs/entities.md)
--   :artist    the first credited artist's id
--   :released  the first release date as written: YYYY, YYYY-MM or
--              YYYY-MM-DD
--   :utc       its first instant, seconds since 1970 UTC
--   :mbid      the release group's MBID
--   :types     its types: "Album", "Album + Compilation"
INSERT INTO release (key, title, kind, artist_id, released, time_zone, released_utc,
 mbid, types) VALUES (:key, :title, :kind, :artist, :released, 'UTC', :utc, :mbid,
 :types);
