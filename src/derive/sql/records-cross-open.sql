-- records-cross-open.sql: how many songs of a chart crossed a threshold of
-- a counter open (kchart records --chart ID --at-least N --first, no
-- --at): their crossing, by records-chart.sql's rule, is an entry where the
-- provider's counters took the song past the threshold. Such an entry is
-- seeded (runs.c), and seeded entries are few (entry_seeded,
-- migrate-018.sql). A song's crossing is the least of its entries' (r), so
-- an open one is also the least of its seeded entries' (m): only a song
-- whose seeded entries' least is open can have crossed open, and it did
-- when that is its crossing: when no entry before it met the threshold.
-- A song's periods on a chart only grow from entry to entry, and its peak
-- only falls (runs.c), so for those the entry just before it says (a
-- seek back from it, to the run's debut at the furthest); a streak falls
-- back to 1 on a re-entry, so for it the crossing is read from the
-- chart's periods (song-walk), which stops at the seeded entry at the
-- latest. The Hot 100's 10 weeks: 66 songs to weigh, the statement 2.2
-- ms of the server's CPU by the walk, 1.0 ms by the seek back.
-- records.c's walk lists only a page, and --first's answer counts the open
-- crossings after the first.
--   :measure    periods, no1, peak or streak
--   :chart      the chart's id
--   :at_least   the threshold, as text
SELECT count(*) FROM (SELECT e.song_id AS song_id,
-- begin shared: crossing
  min(CASE WHEN (:measure = 'periods' AND e.periods >= CAST(:at_least AS INTEGER))
   OR (:measure = 'streak' AND e.streak >= CAST(:at_least AS INTEGER))
   OR (:measure = 'peak' AND e.peak <= CAST(:at_least AS INTEGER))
   THEN s.period || CASE WHEN (:measure = 'periods' AND e.seeded
    AND e.periods > CAST(:at_least AS INTEGER))
   OR (:measure = 'streak' AND e.seeded AND e.streak > CAST(:at_least AS INTEGER))
   OR (:measure = 'peak' AND (e.rank > CAST(:at_least AS INTEGER)
    OR (e.seeded AND e.periods > 1)))
   THEN ' open' ELSE '' END END) AS r
-- end shared: crossing
  FROM entry e INDEXED BY entry_seeded CROSS JOIN snapshot s ON s.id = e.snapshot_id
  WHERE e.seeded AND s.chart_id = :chart GROUP BY e.song_id
  HAVING r LIKE '% open') m
WHERE CASE WHEN :measure IN ('periods', 'peak') THEN NOT coalesce((SELECT
  CASE WHEN :measure = 'periods' THEN e.periods >= CAST(:at_least AS INTEGER)
  ELSE e.peak <= CAST(:at_least AS INTEGER) END
  FROM run f CROSS JOIN snapshot s CROSS JOIN entry e INDEXED BY entry_song
  ON e.song_id = m.song_id AND e.snapshot_id = s.id
  WHERE f.chart_id = :chart AND f.song_id = m.song_id AND s.chart_id = :chart
  AND s.period >= f.debut_period AND s.period < substr(m.r, 1, length(m.r) - 5)
  ORDER BY s.period DESC LIMIT 1), 0)
 ELSE m.r =
 (SELECT
-- begin shared: song-walk
-- The song's crossing (r) read from the chart's periods, from the run's
-- debut to its last, each entry found by a seek of entry_song, up to the
-- first that meets the threshold: neither the song's entries on other
-- charts nor those after its crossing are read.
  (SELECT r FROM (SELECT s.period AS period,
-- begin shared: crossing
  min(CASE WHEN (:measure = 'periods' AND e.periods >= CAST(:at_least AS INTEGER))
   OR (:measure = 'streak' AND e.streak >= CAST(:at_least AS INTEGER))
   OR (:measure = 'peak' AND e.peak <= CAST(:at_least AS INTEGER))
   THEN s.period || CASE WHEN (:measure = 'periods' AND e.seeded
    AND e.periods > CAST(:at_least AS INTEGER))
   OR (:measure = 'streak' AND e.seeded AND e.streak > CAST(:at_least AS INTEGER))
   OR (:measure = 'peak' AND (e.rank > CAST(:at_least AS INTEGER)
    OR (e.seeded AND e.periods > 1)))
   THEN ' open' ELSE '' END END) AS r
-- end shared: crossing
   FROM snapshot s CROSS JOIN entry e INDEXED BY entry_song
   ON e.song_id = f.song_id AND e.snapshot_id = s.id WHERE s.chart_id = :chart
   AND s.period BETWEEN f.debut_period AND f.last_period
   GROUP BY s.period ORDER BY s.period) WHERE r IS NOT NULL LIMIT 1)
-- end shared: song-walk
  FROM run f WHERE f.chart_id = :chart AND f.song_id = m.song_id) END;
