-- milestones-artist-clear.sql: deletes the crossings of every subject of
-- an artist.
--   :artist  the artist's id
DELETE FROM milestone WHERE subject_id IN
 (SELECT id FROM subject WHERE kind = 'artist' AND artist_id = :artist);
