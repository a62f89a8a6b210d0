-- kchart-scope-split.sql: the songs a split derives again: the song, any
-- song holding one of its keys or a key of the id brought back, and that
-- id (a song made for its rows takes it: not a song whose entries were
-- kept, runs-fill-joined.sql).
--   :song  the song's id
--   :key   the key split off (NULL when a merge is undone)
INSERT OR IGNORE INTO temp.id_scope SELECT :song
 UNION SELECT song_id FROM song_key WHERE key = :key OR key IN
 (SELECT key FROM song_key WHERE song_id = :song)
 UNION SELECT song_id FROM song_key WHERE key IN (SELECT key FROM temp.id_restore)
 UNION SELECT id FROM temp.id_restore;
