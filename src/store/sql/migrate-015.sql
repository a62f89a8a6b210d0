-- migrate-015.sql: schema step 15, no table changed. The built-in market
-- rules (catalog-mb-markets-seed.sql, docs/entities.md) are stored when a
-- store is made or brought up to the schema (kchart.c's seed, which runs
-- after the last step), no longer at a store's first MusicBrainz import:
-- rows an import made that were not the file's own stayed when the file was
-- forgotten. This step brings every older store through that seed once.
SELECT 1;
