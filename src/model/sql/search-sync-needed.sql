-- search-sync-needed.sql: whether the names searched lag the store: a write
-- to their tables since they were last brought up to date (the triggers of
-- migrate-012.sql count them), or names without their trigrams; so that a
-- search writes only when there is something to do, and reads two rows to
-- know.
SELECT (SELECT changed <> synced FROM search_state)
 OR (SELECT coalesce(max(id), 0) FROM search_name) > (SELECT done FROM search_state);
