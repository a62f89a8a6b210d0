-- sales-release-providers.sql: the providers that reported sales of a
-- release, with its release instant (seconds since 1970 UTC).
--   :release  the release's id
SELECT DISTINCT s.provider, r.released_utc FROM sale s JOIN release r
 ON r.id = s.release_id WHERE s.release_id = :release ORDER BY s.provider;
