-- query-chart.sql: a chart's period (kchart chart): each entry with its
-- observation's title and artist, by rank.
--   :chart   the chart's id
--   :period  the period
--   :limit   the ranks shown, at most
SELECT e.rank AS rank, o.title AS title, o.artist AS artist,
 e.last AS last, e.peak AS peak, e.periods AS periods,
 e.status AS move, e.song_id AS song_id
 FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
 JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
 WHERE s.chart_id = :chart AND s.period = :period ORDER BY e.rank LIMIT :limit;
