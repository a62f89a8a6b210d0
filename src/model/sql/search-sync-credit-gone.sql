-- search-sync-credit-gone.sql: takes away the credits (credit_group,
-- migrate-013.sql) that no song has any more (the words of each go with
-- it: the table's delete trigger, migrate-021.sql): of every credit, those
-- temp.credit_want does not count; or of the credits counted, those with
-- no song.
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
DELETE FROM credit_group WHERE id IN (SELECT g.id FROM credit_group g
  WHERE :whole IS NOT NULL AND NOT EXISTS (SELECT 1 FROM temp.credit_want w
  WHERE w.artist = g.artist AND w.credit = g.credit AND w.songs > 0)
  UNION ALL
  SELECT g.id FROM temp.credit_want w CROSS JOIN credit_group g
  ON g.artist = w.artist AND g.credit = w.credit WHERE :whole IS NULL AND w.songs = 0);
