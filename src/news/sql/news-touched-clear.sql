-- news-touched-clear.sql: what the transaction touched, forgotten once its
-- events are stored (news.c).
DELETE FROM temp.news_touched;
