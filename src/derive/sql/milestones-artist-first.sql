-- milestones-artist-first.sql: the first subject of an artist, which its
-- crossings are stored under.
--   :artist  the artist's id
SELECT min(id) FROM subject WHERE kind = 'artist' AND artist_id = :artist;
