-- ids-move.sql: renumbers the entities of temp.id_move in every table that
-- names one, foreign keys enforced all along: each goes first to minus its
-- id (no two ids meet halfway), then to its new id; a song row is copied to
-- its new id before the rows naming it move, and deleted after (each delete
-- scans entry, which has no index on song_id: a few moves are cheap, and a
-- rebuild of a store whose entities did not change moves none). A
-- redirect names an id, not the entity that held it while the songs were
-- derived: it stays, and answers as the entity the id is given to (a merge
-- whose song kept was renumbered away from its id no longer sends the id
-- merged away after it). A script of several statements, run whole.
INSERT INTO song (id, title, artist, match, kind) SELECT -id, title, artist,
 match, kind FROM song WHERE id IN (SELECT from_id FROM temp.id_move);
 UPDATE entry SET song_id = -song_id
 WHERE song_id IN (SELECT from_id FROM temp.id_move);
 UPDATE run SET song_id = -song_id
 WHERE song_id IN (SELECT from_id FROM temp.id_move);
 UPDATE song_key SET song_id = -song_id
 WHERE song_id IN (SELECT from_id FROM temp.id_move);
 UPDATE catalog_song SET song_id = -song_id
 WHERE song_id IN (SELECT from_id FROM temp.id_move);
 UPDATE subject SET song_id = -song_id
 WHERE song_id IN (SELECT from_id FROM temp.id_move);
 UPDATE song_artist SET song_id = -song_id
 WHERE song_id IN (SELECT from_id FROM temp.id_move);
 UPDATE song_alias SET song_id = -song_id
 WHERE song_id IN (SELECT from_id FROM temp.id_move);
 UPDATE release SET song_id = -song_id
 WHERE song_id IN (SELECT from_id FROM temp.id_move);
 DELETE FROM song WHERE id IN (SELECT from_id FROM temp.id_move);
 INSERT INTO song (id, title, artist, match, kind) SELECT m.to_id, s.title,
 s.artist, s.match, s.kind FROM temp.id_move m JOIN song s ON s.id = -m.from_id;
 UPDATE entry SET song_id = (SELECT to_id FROM temp.id_move
 WHERE from_id = -entry.song_id) WHERE song_id < 0;
 UPDATE run SET song_id = (SELECT to_id FROM temp.id_move
 WHERE from_id = -run.song_id) WHERE song_id < 0;
 UPDATE song_key SET song_id = (SELECT to_id FROM temp.id_move
 WHERE from_id = -song_key.song_id) WHERE song_id < 0;
 UPDATE catalog_song SET song_id = (SELECT to_id FROM temp.id_move
 WHERE from_id = -catalog_song.song_id) WHERE song_id < 0;
 UPDATE subject SET song_id = (SELECT to_id FROM temp.id_move
 WHERE from_id = -subject.song_id) WHERE song_id < 0;
 UPDATE song_artist SET song_id = (SELECT to_id FROM temp.id_move
 WHERE from_id = -song_artist.song_id) WHERE song_id < 0;
 UPDATE song_alias SET song_id = (SELECT to_id FROM temp.id_move
 WHERE from_id = -song_alias.song_id) WHERE song_id < 0;
 UPDATE release SET song_id = (SELECT to_id FROM temp.id_move
 WHERE from_id = -release.song_id) WHERE song_id < 0;
 DELETE FROM song WHERE id < 0;
 DELETE FROM temp.id_move;
