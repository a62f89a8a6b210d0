-- search-sync-credit-clear.sql: temp.credit_want emptied, before a sync
-- counts the credits into it and after it is done with them.
DELETE FROM temp.credit_want;
