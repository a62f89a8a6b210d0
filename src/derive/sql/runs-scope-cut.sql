-- runs-scope-cut.sql: the entries and runs of the songs a merge or split
-- derives again (temp.id_scope), on every chart: the entries noted in
-- temp.old_entry as they are (derive/ids.c), then both deleted. A script of
-- several statements, run whole.
INSERT OR IGNORE INTO temp.old_entry SELECT snapshot_id, rank, song_id FROM entry
 WHERE song_id IN (SELECT id FROM temp.id_scope);
 DELETE FROM entry WHERE song_id IN (SELECT id FROM temp.id_scope);
 DELETE FROM run WHERE song_id IN (SELECT id FROM temp.id_scope);
