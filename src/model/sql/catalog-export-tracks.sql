-- catalog-export-tracks.sql: the tracks of a release, for the export: each
-- song's key, its role and track number, by track.
--   :release  the release's id
SELECT s.key AS song, rs.role AS role, rs.track AS track
 FROM release_song rs JOIN catalog_song s ON s.id = rs.catalog_song_id
 WHERE rs.release_id = :release ORDER BY rs.track, s.key;
