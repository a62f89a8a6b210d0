-- ids-clear.sql: empties the working tables of ids.c (made by kc_db_open).
-- A script of several statements, run whole.
DELETE FROM temp.old_entry; DELETE FROM temp.old_key;
 DELETE FROM temp.id_scope; DELETE FROM temp.id_restore;
 DELETE FROM temp.id_floor; DELETE FROM temp.id_move;
 DELETE FROM temp.replayed;
