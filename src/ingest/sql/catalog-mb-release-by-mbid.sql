-- catalog-mb-release-by-mbid.sql: the release of a release group's MBID
-- (no row: none).
--   :mbid  the release group's MBID
SELECT id FROM release WHERE mbid = :mbid;
