-- query-entries.sql: every entry of a chart, by period and rank, with our
-- counters beside the provider's.
--   :chart  the chart's id
SELECT s.period AS period, e.rank AS rank, e.song_id AS song_id,
 o.title AS title, o.artist AS artist, e.last AS last, e.peak AS peak,
 e.periods AS periods, o.p_last AS provider_last,
 o.p_peak AS provider_peak, o.p_periods AS provider_periods
 FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
 JOIN observation o ON o.snapshot_id = s.id AND o.rank = e.rank
 WHERE s.chart_id = :chart ORDER BY s.period, e.rank;
