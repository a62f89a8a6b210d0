-- catalog-mb-genre-put.sql: records a genre of an artist (once).
--   :artist  the artist's id
--   :genre   the genre, as MusicBrainz names it ("k-pop")
INSERT OR IGNORE INTO artist_genre (artist_id, genre) VALUES (:artist, :genre);
