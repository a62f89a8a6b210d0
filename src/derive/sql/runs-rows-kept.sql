-- runs-rows-kept.sql: the observations of a snapshot, by rank, with the
-- song of the entry derived from each, if it has one (kc__runs_fill keeps
-- those as they are).
--   :snapshot  the snapshot's id
SELECT o.rank, o.title, o.artist, o.provider_id, o.p_last, o.p_peak,
 o.p_periods, e.song_id FROM observation o LEFT JOIN entry e
 ON e.snapshot_id = o.snapshot_id AND e.rank = o.rank
 WHERE o.snapshot_id = :snapshot ORDER BY o.rank;
