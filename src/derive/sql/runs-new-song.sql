-- runs-new-song.sql: makes a song entity (its id: the last rowid).
--   :title   the title as published
--   :artist  the credit as published
--   :match   matching form of title and credit ('<title>|<credit>')
INSERT INTO song (title, artist, match) VALUES (:title, :artist, :match);
