-- series-point-find.sql: the value stored for a subject, source, kind and
-- day, and the file it came from.
--   :subject  the subject's id
--   :source   the series source's id
--   :kind     total or daily
--   :day      the provider's data date, days since 1970
SELECT value, file FROM point WHERE subject_id = :subject
 AND source = :source AND kind = :kind AND day = :day;
