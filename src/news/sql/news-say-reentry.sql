-- news-say-reentry.sql: the sentence of a song back on the chart at No. 1,
-- in its rows of temp.news_page.
UPDATE temp.news_page SET kind = 'no1',
 text = printf('%s returned to the %s at No. 1 for %s.', who, chart_name, period)
 WHERE src = 0 AND status = 're-entry';
