-- kchart-merge-joined.sql: after a merge derived its songs again, how many
-- rows of the song merged away are now of the same song as a row of the
-- song kept (0: the merge joined nothing; the provider counts them apart).
--   :into  the id of the song kept
--   :from  the id of the song merged into it
SELECT count(*) FROM temp.old_entry o CROSS JOIN entry e
 ON e.snapshot_id = o.snapshot_id AND e.rank = o.rank
 WHERE o.song_id = :from AND e.song_id IN (SELECT k.song_id
 FROM temp.old_entry p CROSS JOIN entry k ON k.snapshot_id = p.snapshot_id
 AND k.rank = p.rank WHERE p.song_id = :into);
