-- catalog-mb-artist-new.sql: adds an artist first known from MusicBrainz.
--   :name   the name (unique among artists)
--   :kind   group, solo or other (from MusicBrainz's type)
--   :match  the name's matching form
--   :mbid   its MBID
INSERT INTO artist (name, kind, market, match, origin, mbid)
 VALUES (:name, :kind, NULL, :match, 'musicbrainz', :mbid);
