-- allkill-result-clear.sql: the last evaluation of All-Kills, cleared.
DELETE FROM temp.allkill_result;
