-- ids-note-scope.sql: before a merge or split, the keys of the songs it
-- derives again (temp.id_scope) as they are, and the highest id in use.
-- Their entries are noted chart by chart (runs-window-note.sql). A script
-- of several statements, run whole.
INSERT INTO temp.old_key SELECT key, song_id FROM song_key
 WHERE song_id IN (SELECT id FROM temp.id_scope);
 INSERT INTO temp.id_floor (n) SELECT max(coalesce((SELECT max(id) FROM song), 0),
 coalesce((SELECT max(from_id) FROM song_redirect), 0),
 coalesce((SELECT max(song_id) FROM identity_rule), 0));
