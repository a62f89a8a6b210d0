-- milestones-subject-points.sql: every value of a subject in the key's
-- order, no sort (a condition on kind would make SQLite sort each source's
-- rows): the last column tells totals (1) from daily values (0).
--   :subject  the subject's id
SELECT source, day, value, kind = 'total' FROM point
 WHERE subject_id = :subject ORDER BY source, kind, day;
