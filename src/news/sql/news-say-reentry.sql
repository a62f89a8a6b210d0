-- news-say-reentry.sql: the sentence of a song back on a chart after
-- periods off it (a re-entry in the top 10, not on an hourly chart:
-- news-find-chart-events.sql), in its rows of temp.news_page: the rank, a
-- new peak when it is one (event 'peak'), its Nth period on the chart
-- (figure). One at No. 1 is news as a No. 1 (kind no1, on any chart) and
-- says so as it says that it returned: one event a song, chart and period,
-- the strongest, as a debut at No. 1 is a no1 and not a debut.
UPDATE temp.news_page SET kind = CASE WHEN rank = 1 THEN 'no1' ELSE 'reentry' END,
 text = (SELECT printf('%s returned to the %s at %sNo. %d for %s', who, chart_name,
   CASE WHEN event = 'peak' AND rank > 1 THEN 'a new peak of ' ELSE '' END, rank,
   period)
  || CASE WHEN figure > 0 THEN printf(', in its %s %s on the chart', nth, unit)
   ELSE '' END || '.'
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
 WHERE src = 0 AND status = 're-entry';
