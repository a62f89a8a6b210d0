-- ids-restore-entry.sql: an entry noted as the merged song's
-- (temp.old_entry) is noted as the id it was before the merge: the id
-- brought back (the undo brings it back with its entries), or the song
-- kept.
--   :id        that id
--   :snapshot  the entry's snapshot
--   :rank      its rank
UPDATE temp.old_entry SET song_id = :id WHERE snapshot_id = :snapshot AND rank = :rank;
