-- search-touch-songs.sql: queues songs for the search (search_touch,
-- migrate-021.sql), for the writers no trigger follows: the runs' writer
-- (the songs of the runs it wrote; a song an ingest makes or gives a key
-- has its run written in the same transaction) and the catalog's binding
-- (a song it makes or gives keys, without a run).
--   :songs  the songs' ids, as a JSON array
INSERT OR IGNORE INTO search_touch (src, ref) SELECT 'song', value FROM json_each(:songs);
