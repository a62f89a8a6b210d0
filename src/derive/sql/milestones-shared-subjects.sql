-- milestones-shared-subjects.sql: the subjects of songs that other
-- subjects name too, and song subjects bound to no song: left out of the
-- one scan (milestones-all-points.sql).
SELECT id FROM subject WHERE song_id IN
 (SELECT song_id FROM subject WHERE kind = 'song'
 GROUP BY song_id HAVING count(*) > 1)
 OR (kind = 'song' AND song_id IS NULL);
