-- kchart-forget-events-move.sql: the stored news events of a snapshot
-- that another file holds too, handed to that file when the one that made
-- them known is forgotten (they are what the other file would have made
-- known).
--   :from    the forgotten file's digest
--   :to      the other file's digest
--   :chart   the snapshot's chart
--   :period  its period
UPDATE event SET file = :to
 WHERE file = :from AND chart_id = :chart AND period = :period;
