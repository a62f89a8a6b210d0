-- milestones-ladder.sql: the ladder a source climbs (the ladder of its
-- kind): its runs of marks, first by step up to last.
--   :source  the series source's id
SELECT l.first, l.step, l.last FROM ladder l JOIN series_source s
 ON s.kind = l.kind WHERE s.id = :source ORDER BY l.first;
