-- runs-window-forget.sql: deletes the entries of a chart's window of
-- periods.
--   :chart  the chart's id
--   :from   the window's first period
--   :until  its last period
DELETE FROM entry WHERE snapshot_id IN (SELECT id FROM snapshot
 WHERE chart_id = :chart AND period BETWEEN :from AND :until);
