-- files-set-changes.sql: a registered file's changes, after it was
-- ingested again.
--   :id       the file (ingest_file.id)
--   :changes  the changeset of every time it was ingested
UPDATE ingest_file SET changes = :changes WHERE id = :id;
