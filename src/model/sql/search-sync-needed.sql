-- search-sync-needed.sql: whether the search's tables lag the store: a
-- song, artist or credit that a write touched (search_touch,
-- search_credit; migrate-021.sql), or names without their trigrams (ids
-- above search_state.done); so that a search writes only when there is
-- something to do. Two columns: needed, and whole: compare everything,
-- when the queue asks for it (('whole', 0)) or holds over a quarter of
-- the songs and over 1,000 (a large ingest or backfill: the whole
-- comparison reads each table once, quicker then than the queued songs one
-- by one: 0.56 against 0.67 s of CPU after the Hot 100's older half as a
-- backfill).
SELECT EXISTS (SELECT 1 FROM search_touch) OR EXISTS (SELECT 1 FROM search_credit)
 OR (SELECT coalesce(max(id), 0) FROM search_name) > (SELECT done FROM search_state),
 EXISTS (SELECT 1 FROM search_touch WHERE src = 'whole')
 OR (SELECT count(*) FROM search_touch) > max(1000, (SELECT count(*) FROM song) / 4);
