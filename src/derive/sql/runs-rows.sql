-- runs-rows.sql: the observations of a snapshot, by rank.
--   :snapshot  the snapshot's id
SELECT rank, title, artist, provider_id, p_last, p_peak,
 p_periods FROM observation WHERE snapshot_id = :snapshot
 ORDER BY rank;
