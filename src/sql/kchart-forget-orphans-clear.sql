-- kchart-forget-orphans-clear.sql: empties the list of the artists made
-- from credits that nothing names, before a forget notes them.
DELETE FROM forget_orphan;
