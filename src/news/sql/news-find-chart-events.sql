-- news-find-chart-events.sql: the chart events (src 0) of what the commit
-- touched: a song reaching No. 1 (a debut or a re-entry there included) and
-- a debut in the top 10, after a chart's first stored period (where
-- everything is new), on each chart a snapshot was stored of, from the
-- earliest period stored (a file that comes out of order recomputes the
-- runs from there, and the events after it may be new); every chart from
-- its start when the commit touched everything (a rebuild, the first fill).
-- Read from the stored entries, without the observations' text: the page
-- names its own rows.
INSERT INTO temp.news_event (src, sid, chart, period, song_id, rank, status, last)
 WITH scope AS (SELECT chart_id, min(period) AS period FROM temp.news_touched
   WHERE what = 'chart' GROUP BY chart_id
  UNION ALL SELECT id, '' FROM chart
   WHERE EXISTS (SELECT 1 FROM temp.news_touched WHERE what = 'all')),
 span AS (SELECT sc.chart_id AS chart_id, min(sc.period) AS from_period,
   (SELECT min(period) FROM snapshot WHERE chart_id = sc.chart_id) AS first
  FROM scope sc GROUP BY sc.chart_id)
 SELECT 0, s.id, s.chart_id, s.period, e.song_id, e.rank, e.status, e.last
 FROM span f JOIN snapshot s ON s.chart_id = f.chart_id AND s.period > f.first
  AND s.period >= f.from_period
 JOIN entry e ON e.snapshot_id = s.id AND e.rank <= 10
 WHERE (e.rank = 1 AND e.last IS NOT 1) OR e.status = 'new';
