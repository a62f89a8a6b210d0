-- identity-song-exists.sql: a song's id if the song is still there (a
-- rebuild may have dropped it), else no row.
--   :song  the song's id
SELECT id FROM song WHERE id = :song;
