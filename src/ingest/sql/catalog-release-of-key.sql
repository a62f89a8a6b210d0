-- catalog-release-of-key.sql: the release of a key (no row: none).
--   :key  the release's key in the catalog
SELECT id FROM release WHERE key = :key;
