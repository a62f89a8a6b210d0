-- migrate-017.sql: schema step 17, from user_version 16 to 17: the names a
-- common word holds, read in their order.
--
-- A search's names (kc_query_names, `kchart search`, /api/search's hits)
-- list songs by how many charts they ran on, then their best peak. A word
-- inside thousands of titles ("feat" in 2,979 of the Korean store's) had
-- every one of them counted and sorted for a page of 20. song_rank (a
-- derived table, migrate-013.sql) now keeps each song's count of charts
-- beside its peak and periods, and song_rank_charts holds that order, so
-- that the page is a walk of the index that stops once it is full.
--   charts: how many charts the song has a run on; 0 when it has none
--
-- The names' first stage (the names that are the query, and artists' that
-- start with it) read the names of songs that start with it as well, to
-- drop them ("the": 2,458 names on the Hot 100 store): search_name_artist
-- finds the artists' alone.
--
-- Kept as song_rank's other columns are: by the search before it reads
-- (kc__search_sync, search-sync-rank-set.sql). Filled here.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 17, in one
-- transaction. Each CREATE statement is one line, as in the earlier steps.
ALTER TABLE song_rank ADD COLUMN charts INTEGER NOT NULL DEFAULT 0;

UPDATE song_rank SET charts = (SELECT count(*) FROM run r WHERE r.song_id = song_rank.song_id);

CREATE INDEX song_rank_charts ON song_rank(charts DESC, peak, song_id);

CREATE INDEX search_name_artist ON search_name(src, match);
