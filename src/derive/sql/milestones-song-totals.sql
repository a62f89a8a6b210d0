-- milestones-song-totals.sql: the totals of a song of several subjects,
-- per source and day the largest any of them gave (the last column: 1, a
-- total, as in milestones-subject-points.sql).
--   :song   the song's id
SELECT p.source, p.day, max(p.value), 1 FROM point p
 WHERE p.kind = 'total' AND p.subject_id IN
 (SELECT id FROM subject WHERE song_id = :song)
 GROUP BY p.source, p.day ORDER BY p.source, p.day;
