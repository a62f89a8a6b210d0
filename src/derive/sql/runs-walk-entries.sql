-- runs-walk-entries.sql: the derived entries of a chart from a period on,
-- by period and rank: what a derivation from that period finds stored.
--   :chart  the chart's id
--   :from   the first period
SELECT e.snapshot_id, e.rank, e.song_id FROM snapshot s
 JOIN entry e ON e.snapshot_id = s.id
 WHERE s.chart_id = :chart AND s.period >= :from ORDER BY s.period, e.rank;
