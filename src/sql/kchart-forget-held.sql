-- kchart-forget-held.sql: the snapshots a chart file holds, and how each
-- is stored now (NULL: not at all).
--   :file  the file (ingest_file.id)
SELECT i.chart_id, i.period, i.digest, s.id, s.digest FROM ingest_snapshot i
 LEFT JOIN snapshot s ON s.chart_id = i.chart_id AND s.period = i.period
 WHERE i.file_id = :file ORDER BY i.chart_id, i.period;
