-- kchart-song-exists.sql: a row when the song exists.
--   :song  the song's id
SELECT 1 FROM song WHERE id = :song;
