-- news-say-sales.sql: the sentence of a sales record, in its rows of
-- temp.news_page: written when found (news.c, in status), since two sales
-- records of one day are ordered by it.
UPDATE temp.news_page SET kind = 'sales', text = status WHERE src = 6;
