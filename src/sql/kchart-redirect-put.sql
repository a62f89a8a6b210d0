-- kchart-redirect-put.sql: an id merged away answers as the song it went
-- into from now on, and so do the ids merged into it before. A script of
-- several statements, run whole with the ids in temp.id_move's one row
-- (from_id: the id merged away, to_id: the song kept).
INSERT OR REPLACE INTO song_redirect (from_id, to_id)
 SELECT from_id, to_id FROM temp.id_move;
 UPDATE song_redirect SET to_id = (SELECT to_id FROM temp.id_move)
 WHERE to_id = (SELECT from_id FROM temp.id_move);
 DELETE FROM temp.id_move;
