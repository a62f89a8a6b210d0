-- ids-key-pairs.sql: each entity without entries (a catalog's or a
-- series' song) and old id sharing keys, with how many: most first; ids
-- merged away are not given.
SELECT k.song_id, o.song_id, count(*) AS n FROM temp.old_key o
 JOIN song_key k ON k.key = o.key
 WHERE k.song_id NOT IN (SELECT song_id FROM run)
 AND NOT EXISTS (SELECT 1 FROM song_redirect r WHERE r.from_id = o.song_id)
 GROUP BY k.song_id, o.song_id ORDER BY n DESC, o.song_id, k.song_id;
