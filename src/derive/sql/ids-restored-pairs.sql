-- ids-restored-pairs.sql: the entities holding keys of an id a split
-- brings back (temp.id_restore), with how many: most first, and of those
-- holding as many (a song merged with one of the same title), first the
-- one holding fewest of the old entries of the song it was merged into
-- (that one continues the song kept).
SELECT k.song_id, r.id, count(DISTINCT r.key) AS n,
 (SELECT count(*) FROM temp.old_entry o CROSS JOIN entry e
 ON e.snapshot_id = o.snapshot_id AND e.rank = o.rank
 WHERE o.song_id = r.into_id AND e.song_id = k.song_id) AS kept
 FROM temp.id_restore r JOIN song_key k ON k.key = r.key
 GROUP BY k.song_id, r.id ORDER BY n DESC, kept, r.id, k.song_id;
