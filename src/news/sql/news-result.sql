-- news-result.sql: the page of news, with its sentences: newest period
-- first.
SELECT kind, chart, period, song_id, title, artist, rank, text FROM temp.news_page
 ORDER BY period DESC, chart, rank, src, song_id, event, akind, status, figure,
 since;
