-- news-page.sql: the events found, named, into temp.news_page: a chart
-- event by its observation (the title and artist the chart printed), an
-- All-Kill or a region by the song; the other kinds (src 3 on) name their
-- subject themselves, in event and akind.
INSERT INTO temp.news_page (src, sid, chart, chart_name, period, song_id, title,
 artist, who, rank, status, last, event, akind, figure, since, ref)
 SELECT src, sid, chart, chart_name, period, song_id, title, artist,
  title || CASE WHEN artist <> '' THEN ' (' || artist || ')' ELSE '' END,
  rank, status, last, event, akind, figure, since, ref
 FROM (SELECT p.*, c.name AS chart_name,
  CASE WHEN p.src >= 3 THEN p.event ELSE coalesce(ob.title, sg.title) END AS title,
  CASE WHEN p.src >= 3 THEN p.akind ELSE coalesce(ob.artist, sg.artist) END
   AS artist
  FROM temp.news_event p
  LEFT JOIN chart c ON c.id = p.chart
  LEFT JOIN observation ob ON p.src = 0 AND ob.snapshot_id = p.sid
   AND ob.rank = p.rank
  LEFT JOIN song sg ON p.src <> 0 AND sg.id = p.song_id);
