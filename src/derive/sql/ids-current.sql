-- ids-current.sql: the entities an operation may renumber: those it made
-- (above the floor) and those holding an id it may give.
SELECT id FROM song WHERE id > coalesce((SELECT max(n) FROM temp.id_floor), 0)
 OR id IN (SELECT id FROM temp.id_scope) OR id IN (SELECT id FROM temp.id_restore);
