-- kchart-unmerge-later.sql: the song an id was merged into, when that song
-- was merged away itself since (no row: it was not): the id's merge named
-- as its target a key of that song, a later merge of it holds that key,
-- and both ids now answer as the same song. Undoing the earlier merge
-- first would take keys the later merge moved with it (ids renumbered, a
-- redirect to no song): the later merge is undone first.
--   :merged  the id merged away
SELECT r2.song_id FROM identity_rule r1 JOIN identity_rule r2
 ON r2.kind = 'merge' AND r2.key = r1.target AND r2.song_id <> r1.song_id
 WHERE r1.kind = 'merge' AND r1.song_id = :merged
 AND (SELECT to_id FROM song_redirect WHERE from_id = r2.song_id)
 = (SELECT to_id FROM song_redirect WHERE from_id = :merged)
 ORDER BY r2.song_id LIMIT 1;
