-- kchart-forget-file.sql: a file of the registry, by its digest: its id,
-- path, kind and changes.
--   :digest  XXH3-128 of its bytes, hex
SELECT id, path, kind, changes FROM ingest_file WHERE digest = :digest;
