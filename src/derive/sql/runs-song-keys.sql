-- runs-song-keys.sql: the songs holding a key.
--   :key  'id:<provider id>', 't:<title>|<credit>' or a rule's rewrite
SELECT song_id FROM song_key WHERE key = :key;
