-- news-feed.sql: the events as the Atom feed (atom.c) lists them, the head
-- of the statement: news.c (news_sql) adds the filters asked for (kind,
-- chart, artist) and the order, the latest learned first, up to :limit.
SELECT id, kind, chart_id, period, song_id, sentence, key, learned
 FROM event;
