-- catalog-song-provider-ids.sql: the provider ids of a catalog song
-- ("spotify:track:..."), in order (the export's "ids"; identity.c binds
-- the song by them).
--   :song  the catalog song's id
SELECT value FROM catalog_song_id WHERE catalog_song_id = :song AND kind = 'provider'
 ORDER BY value;
