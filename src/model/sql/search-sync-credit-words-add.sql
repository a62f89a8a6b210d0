-- search-sync-credit-words-add.sql: the words of each credit
-- (credit_group, migrate-013.sql) that has none in credit_word yet.
INSERT INTO credit_word (rowid, credit) SELECT g.id, g.credit FROM credit_group g
 WHERE NOT EXISTS (SELECT 1 FROM credit_word w WHERE w.rowid = g.id);
