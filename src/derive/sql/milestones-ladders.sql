-- milestones-ladders.sql: the ladders, with the sources that climb each
-- (kchart milestones --ladders).
SELECT l.kind AS kind, l.first AS first, l.step AS step, l.last AS last,
 (SELECT group_concat(id, ' ') FROM (SELECT id FROM series_source s
  WHERE s.kind = l.kind ORDER BY id)) AS sources FROM ladder l
 ORDER BY l.kind, l.first;
