-- allkill-rules-replace.sql: the stored rule sets of a kind, deleted at the
-- first row of that kind in a rules file (the kinds of a file replace the
-- stored ones; rows of one kind from one file add up).
--   :kind  the kind
DELETE FROM allkill_rule WHERE kind = :kind AND NOT EXISTS
 (SELECT 1 FROM temp.allkill_loading WHERE kind = :kind);
