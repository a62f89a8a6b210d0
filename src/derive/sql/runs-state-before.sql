-- runs-state-before.sql: one song's run on a chart as it stood before a
-- period, counted from its stored entries as runs-recompute.sql counts
-- (no row: no entry before it).
--   :chart   the chart's id
--   :song    the song's id
--   :debut   its first period (the count starts there)
--   :before  entries of periods before it count
WITH s AS (SELECT id, period, row_number() OVER (ORDER BY period) AS n
 FROM snapshot WHERE chart_id = :chart AND period >= :debut AND period < :before),
 e AS MATERIALIZED (SELECT s.period AS period, s.n AS n,
 e.rank AS rank, e.peak AS peak, e.periods AS periods, e.streak AS streak,
 s.n - lag(s.n) OVER (ORDER BY s.n) AS gap,
 first_value(e.peak) OVER (ORDER BY s.n DESC) AS best
 FROM s JOIN entry e ON e.snapshot_id = s.id WHERE e.song_id = :song),
 g AS (SELECT min(n) AS n0, max(n) AS n1, max(streak) AS longest,
 count(CASE WHEN gap > 1 THEN 1 END) AS reentries,
 count(CASE WHEN rank = 1 THEN 1 END) AS no1,
 count(CASE WHEN rank = best THEN 1 END) AS at_peak,
 min(CASE WHEN peak = best THEN n END) AS np FROM e HAVING count(*) > 0)
 SELECT f.period, f.rank, l.periods, l.streak, g.longest, l.peak,
 CASE WHEN p.rank = l.peak THEN p.period END, g.at_peak, g.no1,
 g.reentries, l.period, l.rank
 FROM g JOIN e f ON f.n = g.n0 JOIN e l ON l.n = g.n1 JOIN e p ON p.n = g.np;
