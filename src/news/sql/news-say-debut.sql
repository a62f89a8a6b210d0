-- news-say-debut.sql: the sentence of a debut in the top 10, in its rows
-- of temp.news_page; one at No. 1 is news as a No. 1 (kind no1). `who` is
-- "Title (Artist)", or the title alone when there is no artist.
UPDATE temp.news_page SET kind = CASE WHEN rank = 1 THEN 'no1' ELSE 'debut' END,
 text = printf('%s debuted at No. %d on the %s for %s.', who, rank, chart_name,
  period)
 WHERE src = 0 AND status = 'new';
