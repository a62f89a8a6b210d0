-- kchart-forget-snapshot.sql: deletes a snapshot a forgotten file alone
-- held, its observations and entries with it (ON DELETE CASCADE).
--   :snapshot  the snapshot's id
DELETE FROM snapshot WHERE id = :snapshot;
