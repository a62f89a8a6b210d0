-- allkill-held-clear.sql: the leaderboards' captions, cleared before the
-- tally of All-Kills is derived again (allkill.c, tally_all).
DELETE FROM temp.allkill_held;
