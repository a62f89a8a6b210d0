-- allkill-held-put.sql: what a kind's leaderboard of a year stands on that
-- the store does not hold whole (kc__allkill_held's words; "": all held).
--   :kind  the kind
--   :year  the year (YYYY), or 0: every year
--   :held  the words
INSERT INTO temp.allkill_held VALUES (:kind, :year, :held);
