-- milestones-song-clear.sql: deletes the crossings of every subject of
-- a song.
--   :song   the song's id
DELETE FROM milestone WHERE subject_id IN
 (SELECT id FROM subject WHERE song_id = :song);
