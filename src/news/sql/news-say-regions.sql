-- news-say-regions.sql: the sentence of a tenth (twentieth...) region at
-- No. 1 in a family of charts, in its rows of temp.news_page.
UPDATE temp.news_page SET kind = 'regions',
 text = printf('%s reached No. 1 in its %dth region of the %s charts (%s) for %s.',
  who, figure, event, akind, period)
 WHERE src = 2;
