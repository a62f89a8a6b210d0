-- catalog-export-videos.sql: every video, by when it came out, for the
-- export: the columns written as they are named (song: the catalog song's
-- key).
SELECT v.id, s.key AS song, v.channel, v.released, v.time_zone
 FROM video v JOIN catalog_song s ON s.id = v.catalog_song_id
 ORDER BY v.released_utc, v.id;
