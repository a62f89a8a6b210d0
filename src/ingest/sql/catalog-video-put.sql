-- catalog-video-put.sql: adds a video by id, or sets every column of the
-- one stored.
--   :id        the video's id ('youtube:...')
--   :song      the catalog song's id
--   :channel   the channel it is on; NULL: not given
--   :released  when it came out, as written
--   :zone      the time zone it came out in
--   :utc       that instant, seconds since 1970 UTC
INSERT INTO video (id, catalog_song_id, channel, released, time_zone, released_utc)
 VALUES (:id, :song, :channel, :released, :zone, :utc)
 ON CONFLICT (id) DO UPDATE SET catalog_song_id = :song, channel = :channel,
 released = :released, time_zone = :zone, released_utc = :utc
 WHERE catalog_song_id IS NOT :song OR channel IS NOT :channel
 OR released IS NOT :released OR time_zone IS NOT :zone OR released_utc IS NOT :utc;
