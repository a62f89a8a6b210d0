-- kchart-forget-events.sql: deletes the stored news events a file made
-- known.
--   :digest  the file's digest
DELETE FROM event WHERE file = :digest;
