-- search-queued.sql: the rows of the search's queue (search_touch,
-- search_credit; migrate-021.sql), which its triggers write beside a
-- command's own changes (kc__changes_own).
SELECT (SELECT count(*) FROM search_touch) + (SELECT count(*) FROM search_credit);
