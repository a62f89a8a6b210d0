-- series-artist-songs.sql: the song entities of the catalog songs that
-- credit an artist, with the catalog's title (matched in C).
--   :artist  the artist's id
SELECT DISTINCT c.song_id, c.title FROM catalog_song c
 JOIN song_credit sc ON sc.catalog_song_id = c.id
 WHERE sc.artist_id = :artist AND c.song_id IS NOT NULL;
