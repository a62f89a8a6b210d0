-- runs-recompute.sql: the runs on a chart of the songs of temp.replayed,
-- counted from their stored entries before a period, as runs.c's count()
-- counts them: an entry keeps the run's periods, streak and peak as they
-- were after it (seeded values included), so the last one gives them; a
-- re-entry is an entry after the first whose song was not on the previous
-- stored period; the peak's period is that of the first entry that reached
-- the peak, when it did so at that rank (none when the provider's counters
-- gave it).
--   :chart   the chart's id
--   :before  entries of periods before it count ('~' for all)
INSERT INTO run (chart_id, song_id, debut_period, debut_rank, periods,
 streak, longest_streak, peak, peak_period, periods_at_peak, periods_at_no1,
 reentries, last_period, last_rank)
 WITH s AS (SELECT id, period, row_number() OVER (ORDER BY period) AS n
 FROM snapshot WHERE chart_id = :chart AND period < :before),
 e AS MATERIALIZED (SELECT e.song_id AS song, s.period AS period, s.n AS n,
 e.rank AS rank, e.peak AS peak, e.periods AS periods, e.streak AS streak,
 s.n - lag(s.n) OVER (PARTITION BY e.song_id ORDER BY s.n) AS gap,
 first_value(e.peak) OVER (PARTITION BY e.song_id ORDER BY s.n DESC) AS best
 FROM s JOIN entry e ON e.snapshot_id = s.id
 WHERE e.song_id IN (SELECT song_id FROM temp.replayed)),
 g AS (SELECT song, min(n) AS n0, max(n) AS n1, max(streak) AS longest,
 count(CASE WHEN gap > 1 THEN 1 END) AS reentries,
 count(CASE WHEN rank = 1 THEN 1 END) AS no1,
 count(CASE WHEN rank = best THEN 1 END) AS at_peak,
 min(CASE WHEN peak = best THEN n END) AS np FROM e GROUP BY song)
 SELECT :chart, g.song, f.period, f.rank, l.periods, l.streak, g.longest,
 l.peak, CASE WHEN p.rank = l.peak THEN p.period END, g.at_peak, g.no1,
 g.reentries, l.period, l.rank
 FROM g JOIN e f ON f.song = g.song AND f.n = g.n0
 JOIN e l ON l.song = g.song AND l.n = g.n1
 JOIN e p ON p.song = g.song AND p.n = g.np;
