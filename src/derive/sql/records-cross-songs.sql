-- records-cross-songs.sql: the songs of a chart that met a threshold of a
-- counter, each with its crossing (kchart records --chart ID --at-least N,
-- no --at), when they are few (records.c): the runs that have it, as
-- records-cross-count.sql counts them, and for each the first of its
-- entries on the chart to meet it, by records-chart.sql's rule: all of
-- the song's entries are read (entry_song) when its runs on other charts
-- hold no more than three times the periods of its run on this one, else
-- the chart's periods (song-walk; a song of many charts: the Korean
-- store's, on four hourly ones). For no1,
-- records-chart.sql seeks the Nth No. 1 itself (nth): r is NULL.
--   :measure    periods, no1, peak or streak
--   :chart      the chart's id
--   :at_least   the threshold, as text
--   :listed     NULL: every song that met it; else a stricter one, of the
--               songs a page of --most lists (records-cross-bound.sql):
--               their crossings are still of :at_least
--   :released   not NULL: only the songs the catalog knows, which can
--               have a release to count --fastest's days from
--   :known      NULL, or the songs already found, left out (a JSON array
--               of [song id, crossing], as records-chart.sql's :cross)
SELECT m.song_id AS song, CASE WHEN :measure <> 'no1' THEN
 (SELECT CASE WHEN (SELECT sum(x.periods) FROM run x
   WHERE x.song_id = f.song_id) <= 4 * f.periods
  THEN (SELECT
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
   FROM entry e INDEXED BY entry_song CROSS JOIN snapshot s
   ON s.id = e.snapshot_id WHERE e.song_id = f.song_id AND s.chart_id = :chart)
  ELSE
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
  END FROM run f WHERE f.chart_id = :chart AND f.song_id = m.song_id)
 END AS r
FROM (SELECT song_id FROM run INDEXED BY run_top_periods
  WHERE :measure = 'periods' AND chart_id = :chart
  AND periods >= CAST(coalesce(:listed, :at_least) AS INTEGER)
  UNION ALL
  SELECT song_id FROM run INDEXED BY run_top_peak
  WHERE :measure = 'peak' AND chart_id = :chart
  AND peak <= CAST(coalesce(:listed, :at_least) AS INTEGER)
  UNION ALL
  SELECT song_id FROM run INDEXED BY run_top_streak
  WHERE :measure = 'streak' AND chart_id = :chart
  AND longest_streak >= CAST(coalesce(:listed, :at_least) AS INTEGER)
  UNION ALL
  SELECT song_id FROM run INDEXED BY run_top_no1
  WHERE :measure = 'no1' AND chart_id = :chart
  AND periods_at_no1 > 0 AND periods_at_no1 >= CAST(coalesce(:listed, :at_least) AS INTEGER)) m
 WHERE (:released IS NULL
  OR EXISTS (SELECT 1 FROM catalog_song c WHERE c.song_id = m.song_id))
 AND (:known IS NULL
  OR m.song_id NOT IN (SELECT j.value ->> 0 FROM json_each(:known) j));
