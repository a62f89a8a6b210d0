-- runs-note-doomed.sql: the songs a chart's reset deletes (temp.doomed),
-- each of which may keep its id, their keys, and the highest id in use,
-- for the update deriving the chart again (owner 'chart': it settles the
-- ids). A script of several statements, run whole.
INSERT INTO temp.id_scope SELECT id FROM temp.doomed;
 INSERT INTO temp.old_key SELECT key, song_id FROM song_key
 WHERE song_id IN (SELECT id FROM temp.doomed);
 INSERT INTO temp.id_floor (n, owner) SELECT max(coalesce((SELECT max(id) FROM song), 0),
 coalesce((SELECT max(from_id) FROM song_redirect), 0),
 coalesce((SELECT max(song_id) FROM identity_rule), 0)), 'chart';
