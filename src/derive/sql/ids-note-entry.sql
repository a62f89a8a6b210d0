-- ids-note-entry.sql: one entry as it was before a chart was derived
-- again from a period on (kc__runs_derive_from notes what its walk read
-- once a row went to another song).
--   :snapshot  the entry's snapshot
--   :rank      its rank
--   :song      the song it held
INSERT INTO temp.old_entry (snapshot_id, rank, song_id) VALUES (:snapshot, :rank, :song);
