-- news-list-count.sql: how many stored events pass the filters, the head
-- of the statement: news.c (news_sql) adds the filters asked for, those of
-- the page of news-list.sql.
SELECT count(*) FROM event;
