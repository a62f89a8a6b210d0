-- ingest-snapshot-put.sql: stores a snapshot (its id: the last rowid).
--   :chart         the chart's id
--   :period        the period
--   :source        the file it came from
--   :digest        XXH3 of its rows, 32 hex digits
--   :has_counters  1 when the provider published last, peak and periods
--   :partial       1 when it holds only some of the chart's songs
INSERT INTO snapshot (chart_id, period, source, digest, has_counters, partial)
 VALUES (:chart, :period, :source, :digest, :has_counters, :partial);
