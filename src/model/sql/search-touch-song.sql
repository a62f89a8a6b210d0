-- search-touch-song.sql: queues a song for the search (search_touch,
-- migrate-021.sql): one made or given keys outside an ingest (the
-- catalog's, kc__song_bind), which writes no run for it.
--   :song  the song's id
INSERT OR IGNORE INTO search_touch (src, ref) VALUES ('song', :song);
