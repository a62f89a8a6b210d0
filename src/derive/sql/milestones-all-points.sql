-- milestones-all-points.sql: every value of every subject in the key's
-- order; the last column tells totals (1) from daily values (0).
SELECT subject_id, source, day, value, kind = 'total' FROM point
 ORDER BY subject_id, source, kind, day;
