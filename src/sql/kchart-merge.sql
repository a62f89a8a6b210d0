-- kchart-merge.sql: the rule that merges one song into another: every key
-- of the song merged is looked up as a key of the one kept (its least key
-- that is not a split's) from now on. Keys are recorded, because a rebuild
-- derives songs afresh, and the id merged away (song_id), so that a split
-- can undo the merge and bring the id back.
--   :into  the id of the song kept
--   :from  the id of the song merged into it
INSERT INTO identity_rule (kind, key, target, song_id)
 SELECT 'merge', f.key, (SELECT min(i.key) FROM song_key i
   WHERE i.song_id = :into AND i.key NOT LIKE 'split:%'), :from
 FROM song_key f WHERE f.song_id = :from;
