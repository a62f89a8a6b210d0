-- ingest-snapshot-delete.sql: drops a snapshot that --replace replaces
-- (its observations go with it: ON DELETE CASCADE).
--   :snapshot  the snapshot's id
DELETE FROM snapshot WHERE id = :snapshot;
