-- credits-put.sql: an artist credited on an entity (once: a credit naming
-- an artist twice keeps the first).
--   :song    the entity's id
--   :artist  the artist's id
--   :role    lead or featured
--   :pos     its place in the credit, from 1
INSERT OR IGNORE INTO song_artist (song_id, artist_id, role, pos)
 VALUES (:song, :artist, :role, :pos);
