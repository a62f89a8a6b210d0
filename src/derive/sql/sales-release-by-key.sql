-- sales-release-by-key.sql: the release of a catalog key.
--   :key  the release's key
SELECT id FROM release WHERE key = :key;
