-- files-find.sql: a registered file's id and changes.
--   :digest  its digest
SELECT id, changes FROM ingest_file WHERE digest = :digest;
