-- search-sync-rank-gone.sql: takes away the places (song_rank,
-- migrate-013.sql) of songs that are gone.
DELETE FROM song_rank WHERE NOT EXISTS (SELECT 1 FROM song s WHERE s.id = song_rank.song_id);
