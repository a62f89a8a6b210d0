-- milestones-artist-totals.sql: the totals of an artist of several subjects,
-- per source and day the largest any of them gave (the last column: 1, a
-- total, as in milestones-subject-points.sql).
--   :artist  the artist's id
SELECT p.source, p.day, max(p.value), 1 FROM point p
 WHERE p.kind = 'total' AND p.subject_id IN
 (SELECT id FROM subject WHERE kind = 'artist' AND artist_id = :artist)
 GROUP BY p.source, p.day ORDER BY p.source, p.day;
