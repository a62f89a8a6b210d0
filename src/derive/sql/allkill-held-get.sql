-- allkill-held-get.sql: what a kind's leaderboard of a year stands on that
-- the store does not hold whole, as derived with the tally; no row: not
-- derived (a board without rows of the kind).
--   :kind  the kind
--   :year  the year (YYYY), or 0: every year
SELECT held FROM temp.allkill_held WHERE kind = :kind AND year = :year;
