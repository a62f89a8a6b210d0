-- query-song.sql: a song.
--   :song  the song's id, as text
SELECT id, title, artist FROM song WHERE id = CAST(:song AS INTEGER);
