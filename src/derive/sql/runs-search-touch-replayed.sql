-- runs-search-touch-replayed.sql: queues for the search the songs whose
-- runs runs-recompute.sql counted again (temp.replayed; search_touch,
-- migrate-021.sql).
INSERT OR IGNORE INTO search_touch (src, ref) SELECT 'song', song_id FROM temp.replayed;
