-- milestones-subject.sql: the entity a subject is of: whether it is a
-- song's, the song's id and the artist's id (0 when none).
--   :subject  the subject's id
SELECT kind = 'song', coalesce(song_id, 0),
 coalesce(artist_id, 0) FROM subject WHERE id = :subject;
