-- identity-new-song.sql: makes a song entity (its id: the last rowid).
--   :title   the title as written
--   :artist  the credit as written
--   :match   matching form of title and credit ('<title>|<credit>')
INSERT INTO song (title, artist, match) VALUES (:title, :artist, :match);
