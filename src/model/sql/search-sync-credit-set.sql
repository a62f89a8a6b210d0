-- search-sync-credit-set.sql: each credit's songs as counted
-- (temp.credit_want, search-sync-credit-count.sql) written to credit_group
-- (migrate-013.sql) where a count is new or changed.
INSERT INTO credit_group (artist, credit, songs)
 SELECT artist, credit, songs FROM temp.credit_want WHERE songs > 0
 ON CONFLICT (artist, credit) DO UPDATE SET songs = excluded.songs
 WHERE songs <> excluded.songs;
