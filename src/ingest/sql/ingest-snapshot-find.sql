-- ingest-snapshot-find.sql: the stored snapshot of a chart's period, if
-- any: its id, the digest of its rows and the file it came from.
--   :chart   the chart's id
--   :period  the period
SELECT id, digest, source FROM snapshot WHERE chart_id = :chart AND period = :period;
