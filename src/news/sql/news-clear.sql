-- news-clear.sql: the events and the page of the last query, cleared. A
-- script of two statements, run whole.
DELETE FROM temp.news_event; DELETE FROM temp.news_page;
