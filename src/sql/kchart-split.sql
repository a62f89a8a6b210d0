-- kchart-split.sql: the rule that splits one key off a song: from now on
-- the key is looked up as a key of its own (split:<key>), a song apart.
--   :song  the song's id
--   :key   the key split off (one of the song's keys)
INSERT INTO identity_rule (kind, key) SELECT 'split', key
 FROM song_key WHERE song_id = :song AND key = :key;
