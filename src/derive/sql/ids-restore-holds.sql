-- ids-restore-holds.sql: whether an id a split brings back held a key
-- before it was merged away (temp.id_restore).
--   :id   the id brought back
--   :key  the key
SELECT count(*) FROM temp.id_restore WHERE id = :id AND key = :key;
