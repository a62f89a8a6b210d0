-- runs-walk-snapshots.sql: the snapshots of a chart from a period on, in
-- order, each with whether it has entries (a snapshot without them was
-- stored and not derived yet).
--   :chart  the chart's id
--   :from   the first period
SELECT id, period, has_counters, EXISTS (SELECT 1 FROM entry e
 WHERE e.snapshot_id = s.id) FROM snapshot s WHERE chart_id = :chart
 AND period >= :from ORDER BY period;
