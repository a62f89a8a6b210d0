-- ids-note-from-scope.sql: after ids-note-from.sql, the songs of the
-- entries noted (the ids they may take back), those songs' keys, and the
-- highest id in use (owner 'chart': kc__runs_derive_from settles the ids
-- once it has derived). A script of several statements, run whole.
INSERT OR IGNORE INTO temp.id_scope SELECT DISTINCT song_id FROM temp.old_entry;
 INSERT INTO temp.old_key SELECT key, song_id FROM song_key
 WHERE song_id IN (SELECT id FROM temp.id_scope);
 INSERT INTO temp.id_floor (n, owner) SELECT max(coalesce((SELECT max(id) FROM song), 0),
 coalesce((SELECT max(from_id) FROM song_redirect), 0),
 coalesce((SELECT max(song_id) FROM identity_rule), 0)), 'chart';
