-- credits-songs.sql: every entity with its title and credit, and whether
-- song_artist credits it yet (derive/credits.c).
SELECT s.id, s.title, s.artist,
 EXISTS (SELECT 1 FROM song_artist sa WHERE sa.song_id = s.id) AS credited
 FROM song s ORDER BY s.id;
