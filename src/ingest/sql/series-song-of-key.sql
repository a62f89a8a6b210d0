-- series-song-of-key.sql: the first song holding a key (NULL: none).
--   :key  'id:<provider id>' or 't:<title>|<credit>'
SELECT min(song_id) FROM song_key WHERE key = :key;
