-- allkill-held-boards.sql: the leaderboards that have rows, a kind and a
-- year (0: every year) each: those a caption is derived for.
SELECT DISTINCT kind, year FROM temp.allkill_tally WHERE hours > 0
 ORDER BY kind, year;
