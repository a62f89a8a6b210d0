-- kchart-unmerge.sql: undoes a merge: the keys of the id merged away
-- become its own again (into temp.id_restore, for derive/ids.c, with the
-- song it went into and the key that song was kept under), its rules and
-- redirect go. A script of several statements, run whole with the id
-- in temp.id_move's one row (from_id: the id merged away).
INSERT INTO temp.id_restore SELECT song_id, key,
 (SELECT to_id FROM temp.id_move), target FROM identity_rule
 WHERE kind = 'merge' AND song_id = (SELECT from_id FROM temp.id_move);
 DELETE FROM identity_rule WHERE kind = 'merge'
 AND song_id = (SELECT from_id FROM temp.id_move);
 DELETE FROM song_redirect WHERE from_id = (SELECT from_id FROM temp.id_move);
 DELETE FROM temp.id_move;
