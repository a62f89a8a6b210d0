-- search-sync-credit-words-add.sql: the words of each credit
-- (credit_group, migrate-013.sql) that has none in credit_word yet: of
-- every credit, or of the credits counted (temp.credit_want).
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
INSERT INTO credit_word (rowid, credit) SELECT g.id, g.credit FROM credit_group g
 WHERE :whole IS NOT NULL AND NOT EXISTS (SELECT 1 FROM credit_word w WHERE w.rowid = g.id)
 UNION ALL
 SELECT g.id, g.credit FROM temp.credit_want c CROSS JOIN credit_group g
 ON g.artist = c.artist AND g.credit = c.credit
 WHERE :whole IS NULL AND NOT EXISTS (SELECT 1 FROM credit_word w WHERE w.rowid = g.id);
