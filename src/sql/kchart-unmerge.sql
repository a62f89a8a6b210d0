-- kchart-unmerge.sql: undoes a merge: the keys of the id merged away become
-- its own again (into temp.id_restore, for derive/ids.c, with the song it
-- went into and the key that song was kept under), its rules and redirect
-- go, and the ids merged into it before answer as it again (their merges'
-- target is one of its keys, not the song kept's). A script of several
-- statements, run whole with the id in temp.id_move's one row (from_id: the
-- id merged away).
INSERT INTO temp.id_restore SELECT song_id, key,
 (SELECT to_id FROM temp.id_move), target FROM identity_rule
 WHERE kind = 'merge' AND song_id = (SELECT from_id FROM temp.id_move);
 DELETE FROM identity_rule WHERE kind = 'merge'
 AND song_id = (SELECT from_id FROM temp.id_move);
 UPDATE song_redirect SET to_id = (SELECT from_id FROM temp.id_move)
 WHERE to_id = (SELECT to_id FROM temp.id_move) AND from_id IN
 (SELECT song_id FROM identity_rule WHERE kind = 'merge'
 AND target IN (SELECT key FROM temp.id_restore)
 AND target NOT IN (SELECT target FROM temp.id_restore));
 DELETE FROM song_redirect WHERE from_id = (SELECT from_id FROM temp.id_move);
 DELETE FROM temp.id_move;
