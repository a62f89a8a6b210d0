-- search-sync-done.sql: every name written so far has its trigrams, and the
-- names are those of their tables as of now.
UPDATE search_state SET done = (SELECT coalesce(max(id), 0) FROM search_name),
 synced = changed;
