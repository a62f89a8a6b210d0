-- catalog-track-put.sql: adds or updates a catalog song's place on a
-- release; a NULL role keeps the one stored.
--   :release  the release's id
--   :song     the catalog song's id
--   :track    its track number; NULL: not given
--   :role     title, b-side, pre-release, ost or fan-song; NULL: keep
INSERT INTO release_song (release_id, catalog_song_id, track, role)
 VALUES (:release, :song, :track, :role)
 ON CONFLICT (release_id, catalog_song_id) DO UPDATE SET track = :track,
 role = coalesce(:role, role)
 WHERE track IS NOT :track OR role IS NOT coalesce(:role, role);
