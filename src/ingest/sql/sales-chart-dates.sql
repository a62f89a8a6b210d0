-- sales-chart-dates.sql: every chart date with album inputs, in order.
SELECT DISTINCT chart_date FROM album_week ORDER BY chart_date;
