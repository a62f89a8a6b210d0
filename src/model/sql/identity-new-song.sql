-- identity-new-song.sql: makes an entity (its id: the last rowid).
--   :kind    song, album or artist (what its chart ranks)
--   :title   the title as written
--   :artist  the credit as written
--   :match   matching form of title and credit ('<title>|<credit>')
INSERT INTO song (kind, title, artist, match) VALUES (:kind, :title, :artist, :match);
