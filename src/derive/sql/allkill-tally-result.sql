-- allkill-tally-result.sql: the evaluation of a query about songs
-- (temp.allkill_result, read by allkill-song-rows.sql) from the tally: the
-- kinds asked for, in the year asked for.
--   :year  the year (YYYY), or 0: every year
--   :kind  one kind, or NULL: every kind
INSERT INTO temp.allkill_result SELECT kind, song_id, hours, first, longest,
 longest_from, last, missing, zone FROM temp.allkill_tally
 WHERE year = :year AND (:kind IS NULL OR kind = :kind);
