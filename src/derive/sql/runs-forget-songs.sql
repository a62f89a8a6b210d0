-- runs-forget-songs.sql: deletes the songs of temp.doomed (runs-doomed.sql),
-- with their keys (ON DELETE CASCADE).
DELETE FROM song WHERE id IN (SELECT id FROM temp.doomed);
