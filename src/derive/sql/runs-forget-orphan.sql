-- runs-forget-orphan.sql: deletes a song that no chart, catalog or series
-- holds any more (its keys go with it, ON DELETE CASCADE), as
-- runs-doomed.sql finds them: its rows went to another song.
--   :song  the song's id
DELETE FROM song WHERE id = :song
 AND NOT EXISTS (SELECT 1 FROM run WHERE song_id = :song)
 AND NOT EXISTS (SELECT 1 FROM catalog_song WHERE song_id = :song)
 AND NOT EXISTS (SELECT 1 FROM subject WHERE song_id = :song);
