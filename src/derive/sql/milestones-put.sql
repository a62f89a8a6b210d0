-- milestones-put.sql: stores a crossing.
--   :source    the series source's id
--   :mark      the mark crossed
--   :subject   the subject it is stored under
--   :day       the day of the first total at or above the mark
--   :prev_day  the day of the total before it; NULL: none
INSERT INTO milestone (source, mark, subject_id,
 day, prev_day) VALUES (:source, :mark, :subject, :day, :prev_day);
