-- runs-near.sql: the songs sharing a key with a song (itself included):
-- a row of any of them may find the song when identity is decided.
--   :song  the song's id
SELECT DISTINCT k2.song_id FROM song_key k1 JOIN song_key k2 ON k2.key = k1.key
 WHERE k1.song_id = :song;
