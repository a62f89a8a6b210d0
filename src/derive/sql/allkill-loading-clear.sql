-- allkill-loading-clear.sql: no kind replaced yet, as a rules file begins
-- to load.
DELETE FROM temp.allkill_loading;
