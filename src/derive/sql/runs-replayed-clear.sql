-- runs-replayed-clear.sql: empties temp.replayed (made by kc_db_open).
DELETE FROM temp.replayed;
