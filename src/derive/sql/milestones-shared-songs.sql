-- milestones-shared-songs.sql: the songs that several subjects name, in
-- the shape of milestones-subject.sql (1, the song's id, 0).
SELECT 1, song_id, 0 FROM subject WHERE kind = 'song'
 AND song_id IS NOT NULL GROUP BY song_id
 HAVING count(*) > 1 ORDER BY 2;
