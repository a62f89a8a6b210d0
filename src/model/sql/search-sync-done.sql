-- search-sync-done.sql: every name written so far has its trigrams.
UPDATE search_state SET done = (SELECT coalesce(max(id), 0) FROM search_name);
