-- search-sync-fts.sql: the trigrams of the names written since the last
-- search (ids above search_state.done; migrate-009.sql).
INSERT INTO search_fts (rowid, match)
 SELECT id, match FROM search_name WHERE id > (SELECT done FROM search_state);
