-- identity-add-key.sql: records that a song holds a key (once).
--   :key   'id:<provider id>' or 't:<title>|<credit>' (matching form)
--   :song  the song's id
INSERT OR IGNORE INTO song_key (key, song_id) VALUES (:key, :song);
