-- search-sync-credit-words.sql: the words of the credits (credit_word,
-- migrate-013.sql) of those that are gone taken away, for the whole
-- comparison (a credit taken away takes its words with it: the delete
-- trigger of credit_group, migrate-021.sql). Then
-- search-sync-credit-words-add.sql adds the new ones'.
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
DELETE FROM credit_word WHERE :whole IS NOT NULL
 AND rowid NOT IN (SELECT id FROM credit_group);
