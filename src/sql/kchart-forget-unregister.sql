-- kchart-forget-unregister.sql: deletes a file from the registry, with the
-- snapshots it held (ON DELETE CASCADE).
--   :file  the file (ingest_file.id)
DELETE FROM ingest_file WHERE id = :file;
