-- news-find-chart-events.sql: the chart events (src 0) of what the commit
-- touched, in the top 10 of a chart after its first stored period (where
-- everything is new):
--   a song reaching No. 1 (a debut or a re-entry there included);
--   a debut;
--   a re-entry: a song back on the chart after periods off it;
--   a new peak that takes a song into the top 10 for the first time on
--   that chart, climbing from the period before (the best rank it had
--   before, its previous entry's peak, the provider's own when it said a
--   better one, was below No. 10), on an entry that the store holds the
--   history of (one seeded from the provider's counters stands on periods
--   the store lacks, and claims none).
-- Re-entries and new peaks are not looked for on an hourly chart, where a
-- song drops out and comes back within a day and a climb is an hour's
-- noise. On each chart a snapshot was stored of, from the earliest period
-- stored (a file that comes out of order recomputes the runs from there,
-- and the events after it may be new); every chart from its start when
-- the commit touched everything (a rebuild, the first fill). Read from the
-- stored entries, without the observations' text: the page names its own
-- rows. In the row, figure is the song's periods on the chart (this one
-- included), since its peak there (this period included), akind the best
-- rank before a climb (the peak of its entry in the snapshot before, found
-- by its rank there, last), and event 'peak' when
-- the rank is better than every rank before: for a climb, than that
-- peak; for a re-entry, when the entry's peak is its rank and no entry of
-- the song's run on the chart before it (from its debut, the run's) was
-- as high, a look at the top ranks of those periods alone (the store keeps
-- no index of a song's entries, and a walk of whole periods back to where
-- the song was last would cost an ingest more than the news it adds).
INSERT INTO temp.news_event (src, sid, chart, period, song_id, rank, status, last,
 event, akind, figure, since)
 WITH scope AS (SELECT chart_id, min(period) AS period FROM temp.news_touched
   WHERE what = 'chart' GROUP BY chart_id
  UNION ALL SELECT id, '' FROM chart
   WHERE EXISTS (SELECT 1 FROM temp.news_touched WHERE what = 'all')),
 span AS (SELECT sc.chart_id AS chart_id, min(sc.period) AS from_period,
   (SELECT min(period) FROM snapshot WHERE chart_id = sc.chart_id) AS first,
   (SELECT cadence FROM chart WHERE id = sc.chart_id) <> 'hourly' AS daily
  FROM scope sc GROUP BY sc.chart_id),
 top AS (SELECT s.id AS sid, s.chart_id AS chart, s.period AS period,
   e.song_id AS song_id, e.rank AS rank, e.status AS status,
   e.last AS last, e.periods AS periods, e.peak AS peak,
   e.peak = e.rank AND NOT e.seeded AS best,
   (e.rank = 1 AND e.last IS NOT 1) OR e.status = 'new' AS said,
   f.daily AND e.status = 'up' AND e.last > 10 AND e.peak = e.rank
    AND NOT e.seeded AS climb,
   f.daily AND e.status = 're-entry' AS back
  FROM span f JOIN snapshot s ON s.chart_id = f.chart_id AND s.period > f.first
   AND s.period >= f.from_period
  JOIN entry e ON e.snapshot_id = s.id AND e.rank <= 10),
 found AS (SELECT t.*, CASE WHEN t.climb THEN (SELECT s1.id FROM snapshot s1
    WHERE s1.chart_id = t.chart AND s1.period < t.period
    ORDER BY s1.period DESC LIMIT 1) END AS prev,
   CASE WHEN t.back AND t.best AND NOT EXISTS (SELECT 1 FROM snapshot s2
    JOIN entry e2 ON e2.snapshot_id = s2.id AND e2.rank <= t.rank
    WHERE s2.chart_id = t.chart AND s2.period < t.period
     AND s2.period >= coalesce((SELECT debut_period FROM run
      WHERE chart_id = t.chart AND song_id = t.song_id), '')
     AND e2.song_id = t.song_id) THEN 'peak' END AS back_peak
  FROM top t WHERE t.said OR t.climb OR t.back)
 SELECT 0, d.sid, d.chart, d.period, d.song_id, d.rank, d.status, d.last,
  coalesce(d.back_peak, CASE WHEN d.climb AND pe.peak > 10 THEN 'peak' END), pe.peak,
  d.periods, d.peak
 FROM found d
 LEFT JOIN entry pe ON pe.snapshot_id = d.prev AND pe.rank = d.last
  AND pe.song_id = d.song_id
 WHERE d.said OR d.back OR (d.climb AND pe.peak > 10);
