-- milestones-song-series.sql: every total of each source over a song's
-- subjects, by day (two subjects with a total on one day: the larger).
--   :song  the song's id, as text
SELECT p.source AS source, date(p.day * 86400, 'unixepoch') AS date,
 max(p.value) AS value FROM subject s JOIN point p ON p.subject_id = s.id
 AND p.kind = 'total' WHERE s.song_id = CAST(:song AS INTEGER)
 GROUP BY p.source, p.day ORDER BY p.source, p.day;
