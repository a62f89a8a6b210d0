-- catalog-mb-artist-facts.sql: what the store says of an artist, to weigh
-- MusicBrainz's facts against it: its kind, market, MBID and name.
--   :artist  the artist's id
SELECT kind, market, mbid, name FROM artist WHERE id = :artist;
