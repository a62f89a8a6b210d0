-- credits-song-clear.sql: an entity's credited artists, forgotten before
-- they are derived again.
--   :song  the entity's id
DELETE FROM song_artist WHERE song_id = :song;
