-- query-artist-releases.sql: the catalog's releases of an artist (album, ep,
-- single, repackage, mixtape, ost), each with its tracks, by kind then date.
--   :artist  the artist's id
SELECT r.key AS key, r.title AS title, r.kind AS kind, r.released AS released,
 (SELECT count(*) FROM release_song rs WHERE rs.release_id = r.id) AS tracks
 FROM release r WHERE r.artist_id = :artist
 ORDER BY CASE r.kind WHEN 'album' THEN 1 WHEN 'repackage' THEN 2 WHEN 'ep' THEN 3
  WHEN 'single' THEN 4 WHEN 'mixtape' THEN 5 ELSE 6 END, r.released_utc, r.id;
