-- catalog-song-released.sql: when a song entity was first released: the
-- earliest release of the catalog songs bound to it, seconds since 1970
-- UTC (NULL: none).
--   :song  the song entity's id
SELECT min(r.released_utc) FROM catalog_song c
 JOIN release_song rs ON rs.catalog_song_id = c.id
 JOIN release r ON r.id = rs.release_id WHERE c.song_id = :song;
