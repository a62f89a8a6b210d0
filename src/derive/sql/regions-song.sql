-- regions-song.sql: a row when a song exists.
--   :song  the song's id
SELECT 1 FROM song WHERE id = :song;
