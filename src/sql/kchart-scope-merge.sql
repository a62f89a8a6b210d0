-- kchart-scope-merge.sql: the songs a merge derives again: the two, and
-- any other holding a key of either (its rows may go elsewhere now).
--   :into  the id of the song kept
--   :from  the id of the song merged into it
INSERT OR IGNORE INTO temp.id_scope SELECT :into UNION SELECT :from
 UNION SELECT song_id FROM song_key WHERE key IN
 (SELECT key FROM song_key WHERE song_id IN (:into, :from));
