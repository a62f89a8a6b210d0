-- ids-note-all.sql: before a rebuild, every song (each may keep its id),
-- entry and song key as they are, and the highest id in use (songs, ids
-- merged away). A script of several statements, run whole.
INSERT INTO temp.id_scope SELECT id FROM song;
 INSERT INTO temp.old_entry SELECT snapshot_id, rank, song_id FROM entry;
 INSERT INTO temp.old_key SELECT key, song_id FROM song_key;
 INSERT INTO temp.id_floor (n) SELECT max(coalesce((SELECT max(id) FROM song), 0),
 coalesce((SELECT max(from_id) FROM song_redirect), 0),
 coalesce((SELECT max(song_id) FROM identity_rule), 0));
