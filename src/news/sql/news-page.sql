-- news-page.sql: a page of the events found, newest period first, into
-- temp.news_page, named: a chart event by its observation, an All-Kill or
-- a region by the song; the other kinds (src 3 on) name their subject
-- themselves, in event and akind.
--   :limit   the events of the page
--   :offset  the events before it
--   :since   as in news-count.sql
INSERT INTO temp.news_page (src, chart, chart_name, period, song_id, title, artist,
 who, rank, status, last, event, akind, figure, since)
 SELECT src, chart, chart_name, period, song_id, title, artist,
  title || CASE WHEN artist <> '' THEN ' (' || artist || ')' ELSE '' END,
  rank, status, last, event, akind, figure, since
 FROM (SELECT p.*, c.name AS chart_name,
  CASE WHEN p.src >= 3 THEN p.event ELSE coalesce(ob.title, sg.title) END AS title,
  CASE WHEN p.src >= 3 THEN p.akind ELSE coalesce(ob.artist, sg.artist) END
   AS artist
  FROM (SELECT * FROM temp.news_event
   WHERE :since IS NULL OR substr(period || '-01-01', 1, 10) >= :since
   ORDER BY period DESC, chart, rank, src, song_id, event, akind, status, figure,
   since LIMIT :limit OFFSET :offset) p
  LEFT JOIN chart c ON c.id = p.chart
  LEFT JOIN observation ob ON p.src = 0 AND ob.snapshot_id = p.sid
   AND ob.rank = p.rank
  LEFT JOIN song sg ON p.src <> 0 AND sg.id = p.song_id);
