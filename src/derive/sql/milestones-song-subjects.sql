-- milestones-song-subjects.sql: how many subjects a song has.
--   :song   the song's id
SELECT count(*) FROM subject WHERE song_id = :song;
