-- query-period-holding.sql: the stored period of a weekly chart whose week
-- holds a day: the first on or after the day, within six days. Weekly
-- charts name a week by its last day (Spotify's Thursday) or by the chart
-- date that closes it (Billboard's Saturday); billboard.com answers a date
-- with the chart of the week holding it the same way.
--   :chart  the chart's id
--   :day    the day, YYYY-MM-DD
SELECT period FROM snapshot WHERE chart_id = :chart AND period >= :day
 AND period <= date(:day, '+6 days') ORDER BY period LIMIT 1;
