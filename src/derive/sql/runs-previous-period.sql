-- runs-previous-period.sql: the derived entries of a stored period, with
-- the spellings they were published under: the previous period of the
-- next one derived.
--   :chart   the chart's id
--   :period  the period
SELECT e.rank, e.song_id, o.title, o.artist, o.provider_id FROM entry e
 JOIN snapshot s ON s.id = e.snapshot_id
 JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
 WHERE s.chart_id = :chart AND s.period = :period;
