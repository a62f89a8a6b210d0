-- ids-entry-pairs.sql: each entity and old id sharing entries (a snapshot
-- and rank), with how many: most first; ids merged away are not given.
SELECT e.song_id, o.song_id, count(*) AS n FROM temp.old_entry o
 CROSS JOIN entry e ON e.snapshot_id = o.snapshot_id AND e.rank = o.rank
 WHERE NOT EXISTS (SELECT 1 FROM song_redirect r WHERE r.from_id = o.song_id)
 GROUP BY e.song_id, o.song_id ORDER BY n DESC, o.song_id, e.song_id;
