-- query-artist-row.sql: an artist as `kchart artist` and /api/artists show
-- it: where it is known from and what the catalog or MusicBrainz says.
--   :artist  the artist's id
SELECT id, name, kind, origin, market, mbid, type, area, begin, end
 FROM artist WHERE id = :artist;
