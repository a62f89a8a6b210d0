-- news-say-peak.sql: the sentence of a new peak, in its rows of
-- temp.news_page: a song climbing into the top 10 of a chart for the first
-- time, but to No. 1 (a no1), not on an hourly chart
-- (news-find-chart-events.sql): the rank, the rank it came up from, its
-- Nth period on the chart (figure). A re-entry at a new peak is a
-- re-entry, which says so.
UPDATE temp.news_page SET kind = 'peak',
 text = (SELECT printf('%s reached the top 10 of the %s for the first time, climbing '
   || 'from No. %d to a new peak of No. %d for %s, in its %s %s.', who, chart_name, last,
   rank, period, nth, unit)
-- begin shared: unit-nth
 -- the chart's unit (week, day, hour, month, year) and the ordinal of
 -- figure (1st, 2nd, 3rd, 11th, 21st...)
  FROM (SELECT CASE c.cadence WHEN 'hourly' THEN 'hour' WHEN 'daily' THEN 'day'
   WHEN 'weekly' THEN 'week' WHEN 'monthly' THEN 'month' ELSE 'year' END AS unit,
   figure || CASE WHEN figure % 100 BETWEEN 11 AND 13 THEN 'th'
    WHEN figure % 10 = 1 THEN 'st' WHEN figure % 10 = 2 THEN 'nd'
    WHEN figure % 10 = 3 THEN 'rd' ELSE 'th' END AS nth
   FROM chart c WHERE c.id = news_page.chart) u)
-- end shared: unit-nth
 WHERE src = 0 AND event = 'peak' AND rank > 1 AND status = 'up';
