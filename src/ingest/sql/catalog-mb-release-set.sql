-- catalog-mb-release-set.sql: MusicBrainz's MBID and types on a stored
-- release (its kind, title, artist and date stay as stored).
--   :release  the release's id
--   :mbid     the release group's MBID
--   :types    its types: "Album", "Album + Compilation"
UPDATE release SET mbid = :mbid, types = :types
 WHERE id = :release AND (mbid IS NOT :mbid OR types IS NOT :types);
