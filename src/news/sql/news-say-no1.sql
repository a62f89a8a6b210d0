-- news-say-no1.sql: the sentence of a song climbing to No. 1, in its rows
-- of temp.news_page (the other rows of a chart's finder are debuts,
-- re-entries and new peaks below No. 1).
UPDATE temp.news_page SET kind = 'no1',
 text = printf('%s reached No. 1 on the %s for %s, up from No. %d.', who,
  chart_name, period, last)
 WHERE src = 0 AND rank = 1 AND status IS NOT 'new' AND status IS NOT 're-entry';
