-- ids-restore-holds.sql: whether an id a split brings back held one of a
-- row's keys before it was merged away (temp.id_restore).
--   :id     the id brought back
--   :title  the row's title + credit key
--   :pid    its provider id key (NULL when it has none)
SELECT count(*) FROM temp.id_restore WHERE id = :id AND key IN (:title, :pid);
