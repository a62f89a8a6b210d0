-- allkill-tally-clear.sql: the tally of every kind's All-Kills, cleared
-- before it is derived again (allkill.c, kc__allkill_sync).
DELETE FROM temp.allkill_tally;
