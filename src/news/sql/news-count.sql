-- news-count.sql: how many events were found of a period that starts on a
-- day or later.
--   :since  the day (YYYY-MM-DD), or NULL: every event
SELECT count(*) FROM temp.news_event
 WHERE :since IS NULL OR substr(period || '-01-01', 1, 10) >= :since;
