-- runs-search-touch.sql: queues for the search the songs whose runs were
-- just written (search_touch, migrate-021.sql): their places in its list
-- follow their runs, and a song an ingest makes or gives a key has its run
-- written in the same transaction, so this queues those too.
--   :songs  the songs' ids, as a JSON array
INSERT OR IGNORE INTO search_touch (src, ref) SELECT 'song', value FROM json_each(:songs);
