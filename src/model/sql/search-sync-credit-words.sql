-- search-sync-credit-words.sql: the words of the credits (credit_word,
-- migrate-013.sql) of those that are gone taken away. Then
-- search-sync-credit-words-add.sql adds the new ones'.
DELETE FROM credit_word WHERE rowid NOT IN (SELECT id FROM credit_group);
