-- ids-entry-pairs.sql: each entity and old id sharing entries (a snapshot
-- and rank), with how many: most first; ids merged away are not given.
-- Only for the entities and old ids of a row whose entity is not its old
-- id: any other entity holds exactly the entries of its own old id, and
-- keeps it (a rebuild of an unchanged store groups no row).
WITH moved AS MATERIALIZED (SELECT DISTINCT e.song_id AS cur, o.song_id AS old
 FROM temp.old_entry o CROSS JOIN entry e
 ON e.snapshot_id = o.snapshot_id AND e.rank = o.rank
 WHERE e.song_id <> o.song_id),
 ids AS MATERIALIZED (SELECT cur AS id FROM moved UNION SELECT old FROM moved)
 SELECT e.song_id, o.song_id, count(*) AS n FROM temp.old_entry o
 CROSS JOIN entry e ON e.snapshot_id = o.snapshot_id AND e.rank = o.rank
 WHERE (SELECT count(*) FROM moved) > 0
 AND (e.song_id IN (SELECT id FROM ids) OR o.song_id IN (SELECT id FROM ids))
 AND NOT EXISTS (SELECT 1 FROM song_redirect r WHERE r.from_id = o.song_id)
 GROUP BY e.song_id, o.song_id ORDER BY n DESC, o.song_id, e.song_id;
