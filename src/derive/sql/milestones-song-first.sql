-- milestones-song-first.sql: the first subject of a song, which its
-- crossings are stored under.
--   :song   the song's id
SELECT min(id) FROM subject WHERE song_id = :song;
