-- runs-doomed-clear.sql: empties temp.doomed (made by kc_db_open), the
-- songs a recompute of a chart may delete.
DELETE FROM temp.doomed;
