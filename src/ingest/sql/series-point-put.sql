-- series-point-put.sql: stores a value; the parameters of
-- series-point-find.sql, and:
--   :value  the value
--   :file   the file it came from
INSERT INTO point (subject_id, source, kind, day, value, file)
 VALUES (:subject, :source, :kind, :day, :value, :file);
