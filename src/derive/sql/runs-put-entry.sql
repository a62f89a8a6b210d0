-- runs-put-entry.sql: stores the entry derived from one observation.
--   :snapshot  the snapshot's id
--   :rank      the rank
--   :song      the song it is
--   :last      our previous rank; NULL for new and re-entry
--   :status    new, re-entry, up, down or same
--   :peak      the run's peak so far
--   :periods   periods on chart so far, across gaps
--   :streak    consecutive periods up to this one
--   :seeded    1 when counters were taken from the provider here, else 0
INSERT INTO entry (snapshot_id, rank, song_id, last, status, peak,
 periods, streak, seeded)
 VALUES (:snapshot, :rank, :song, :last, :status, :peak, :periods, :streak, :seeded);
