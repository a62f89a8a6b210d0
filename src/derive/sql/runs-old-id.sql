-- runs-old-id.sql: the song a row was before a rebuild, merge or split
-- derived it again (temp.old_entry; none otherwise): the id a new song
-- made for it takes when that id is free (identity-new-song.sql).
--   :snapshot  the row's snapshot
--   :rank      its rank
SELECT song_id FROM temp.old_entry WHERE snapshot_id = :snapshot AND rank = :rank;
