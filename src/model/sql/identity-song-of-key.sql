-- identity-song-of-key.sql: the song holding a key, the lowest id when
-- several do (NULL: none).
--   :key  'id:<provider id>' or 't:<title>|<credit>' (matching form)
SELECT min(song_id) FROM song_key WHERE key = :key;
