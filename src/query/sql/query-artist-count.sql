-- query-artist-count.sql: how many entities are credited to an artist.
--   :artist  the artist's id
SELECT count(*) FROM song_artist WHERE artist_id = :artist;
