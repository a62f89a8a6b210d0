-- series-subject-bind.sql: binds a song subject to its song entity (no
-- write when it already is).
--   :id    the subject's id
--   :song  the song's id
UPDATE subject SET song_id = :song WHERE id = :id
 AND song_id IS NOT :song;
