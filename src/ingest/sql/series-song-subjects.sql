-- series-song-subjects.sql: every song subject, to bind again (rebuild).
SELECT id, ref, title, credit FROM subject
 WHERE kind = 'song' ORDER BY id;
