-- ids-kept-pairs.sql: when a merge is undone, the entities holding the key
-- the song kept was kept under (the merge's target, temp.id_restore), with
-- that song's id: the one holding most of its old entries first.
SELECT k.song_id, r.into_id, (SELECT count(*) FROM temp.old_entry o CROSS JOIN entry e
 ON e.snapshot_id = o.snapshot_id AND e.rank = o.rank
 WHERE o.song_id = r.into_id AND e.song_id = k.song_id) AS n
 FROM (SELECT DISTINCT into_id, target FROM temp.id_restore) r
 JOIN song_key k ON k.key = r.target
 ORDER BY n DESC, k.song_id;
