-- query-chart-page.sql: a page of a chart's period (the server's chart
-- page): query-chart.sql's columns and the change since the last period.
--   :chart   the chart's id
--   :period  the period
--   :limit   the rows of the page
--   :offset  the rows before it
SELECT e.rank AS rank, o.title AS title, o.artist AS artist,
 e.last AS last, e.peak AS peak, e.periods AS periods,
 e.status AS move, e.song_id AS song_id,
 e.last - e.rank AS change
 FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
 JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
 WHERE s.chart_id = :chart AND s.period = :period
 ORDER BY e.rank LIMIT :limit OFFSET :offset;
