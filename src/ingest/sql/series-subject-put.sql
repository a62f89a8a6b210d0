-- series-subject-put.sql: makes a subject (its id: the last rowid).
--   :kind    song or artist
--   :ref     the ref it is found by (series-subject-find.sql)
--   :title   song: the title, to find or make its entity again
--   :credit  song: the credit
--   :artist  artist: the artist's id; NULL for a song
INSERT INTO subject (kind, ref, title, credit, artist_id)
 VALUES (:kind, :ref, :title, :credit, :artist);
