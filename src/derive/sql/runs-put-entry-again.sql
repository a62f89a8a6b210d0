-- runs-put-entry-again.sql: stores the entry derived from one observation,
-- over the one stored for it before (a derivation from a period on); the
-- parameters of runs-put-entry.sql.
INSERT OR REPLACE INTO entry (snapshot_id, rank, song_id, last, status, peak,
 periods, streak, seeded)
 VALUES (:snapshot, :rank, :song, :last, :status, :peak, :periods, :streak, :seeded);
