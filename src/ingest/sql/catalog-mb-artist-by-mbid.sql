-- catalog-mb-artist-by-mbid.sql: the artist of a MusicBrainz id (no row:
-- none).
--   :mbid  the artist's MBID
SELECT id FROM artist WHERE mbid = :mbid;
