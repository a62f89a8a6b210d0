-- ids-note-from-scope.sql: after the entries a chart derives again from a
-- period on are noted (ids-note-from.sql, or kc__runs_derive_from from
-- what its walk read), the songs of those entries (the ids they may take
-- back) and those songs' keys. A script of several statements, run whole.
INSERT OR IGNORE INTO temp.id_scope SELECT DISTINCT song_id FROM temp.old_entry;
 INSERT INTO temp.old_key SELECT key, song_id FROM song_key
 WHERE song_id IN (SELECT id FROM temp.id_scope);
