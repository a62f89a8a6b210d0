-- series-song.sql: a song's title and credit.
--   :song  the song's id
SELECT title, artist FROM song WHERE id = :song;
