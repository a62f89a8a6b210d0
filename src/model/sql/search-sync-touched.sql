-- search-sync-touched.sql: the songs and artists touched, and the whole
-- comparison if asked (search_touch, migrate-021.sql), done with: run
-- last, in the transaction that brought the search's tables up to date.
DELETE FROM search_touch;
