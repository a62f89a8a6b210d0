-- catalog-song-by-provider-id.sql: the catalog song holding a provider id
-- (no row: none), to find a song of data.json stored before.
--   :id  the provider id ('melon:8304594')
SELECT catalog_song_id FROM catalog_song_id WHERE kind = 'provider' AND value = :id;
