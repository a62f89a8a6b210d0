-- identity-catalog-songs.sql: every catalog song, to bind to its entity:
-- its id, title, credit and the song it is bound to (0: none yet).
SELECT id, title, credit, coalesce(song_id, 0) FROM catalog_song ORDER BY id;
