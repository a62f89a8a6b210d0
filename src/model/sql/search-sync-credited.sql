-- search-sync-credited.sql: the credits whose songs changed
-- (search_credit, migrate-021.sql), done with: run last, in the
-- transaction that brought credit_group up to date.
DELETE FROM search_credit;
