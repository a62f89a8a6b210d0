-- news-say-certification.sql: the sentence of a certification reached, in
-- its rows of temp.news_page.
UPDATE temp.news_page SET kind = 'certification',
 text = printf('%s reached %s on %s.', who, since, period)
 WHERE src = 5;
