-- news-find-chart-events.sql: the chart events (src 0): a song reaching
-- No. 1 (a debut or a re-entry there included) and a debut in the top 10,
-- after a chart's first stored period (where everything is new). Read from
-- the stored entries, without the observations' text: the page names its
-- own rows.
--   :chart  one chart's id, or NULL: every chart
INSERT INTO temp.news_event (src, sid, chart, period, song_id, rank, status, last)
 WITH first AS (SELECT chart_id, min(period) AS period FROM snapshot
  WHERE :chart IS NULL OR chart_id = :chart GROUP BY chart_id)
 SELECT 0, s.id, s.chart_id, s.period, e.song_id, e.rank, e.status, e.last
 FROM first f JOIN snapshot s ON s.chart_id = f.chart_id AND s.period > f.period
 JOIN entry e ON e.snapshot_id = s.id AND e.rank <= 10
 WHERE (e.rank = 1 AND e.last IS NOT 1) OR e.status = 'new';
