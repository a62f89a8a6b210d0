-- kchart-forget-holder.sql: another file that holds a chart's period: the
-- first one with the same rows if any (1 in the second column), else the
-- first one with other rows.
--   :file    the file forgotten (ingest_file.id)
--   :chart   the chart's id
--   :period  the period
--   :digest  the rows' digest the file holds
SELECT f.path, i.digest = :digest AS same, i.source FROM ingest_snapshot i
 JOIN ingest_file f ON f.id = i.file_id
 WHERE i.chart_id = :chart AND i.period = :period AND i.file_id != :file
 ORDER BY same DESC, i.file_id LIMIT 1;
