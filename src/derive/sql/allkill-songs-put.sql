-- allkill-songs-put.sql: a song asked about (once, however often given).
--   :song  the song's id
INSERT OR IGNORE INTO temp.allkill_songs VALUES (:song);
