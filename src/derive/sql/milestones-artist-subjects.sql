-- milestones-artist-subjects.sql: how many subjects an artist has.
--   :artist  the artist's id
SELECT count(*) FROM subject WHERE kind = 'artist' AND artist_id = :artist;
