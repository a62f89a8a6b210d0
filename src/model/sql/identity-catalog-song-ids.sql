-- identity-catalog-song-ids.sql: the ids a catalog song's entity holds:
-- its provider ids ("spotify:track:...", "musicbrainz:recording:...") and
-- its ISRCs (a chart row may carry either as its provider id), in order.
--   :song  the catalog song's id
SELECT value FROM catalog_song_id WHERE catalog_song_id = :song ORDER BY kind DESC, value;
