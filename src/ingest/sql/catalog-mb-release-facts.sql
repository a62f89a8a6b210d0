-- catalog-mb-release-facts.sql: what the store says of a release, to weigh
-- MusicBrainz's release group against it: its kind, date as written, MBID.
--   :release  the release's id
SELECT kind, released, mbid FROM release WHERE id = :release;
