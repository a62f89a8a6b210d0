-- kchart-merge.sql: the rule that merges one song into another: every key
-- of the song merged is looked up as a key of the one kept (its least key
-- that is not a split's) from now on. Keys, not ids, are recorded, because
-- ids are reassigned by rebuild.
--   :into  the id of the song kept
--   :from  the id of the song merged into it
INSERT INTO identity_rule (kind, key, target)
 SELECT 'merge', f.key, (SELECT min(i.key) FROM song_key i
   WHERE i.song_id = :into AND i.key NOT LIKE 'split:%')
 FROM song_key f WHERE f.song_id = :from;
