-- kchart-forget-holder.sql: the other files that hold a chart's period:
-- those with the same rows first (1 in the second column), each kind in
-- the order they were ingested; then its name for the snapshot, its id and
-- its digest.
--   :file    the file forgotten (ingest_file.id)
--   :chart   the chart's id
--   :period  the period
--   :digest  the rows' digest the file holds
SELECT f.path, i.digest = :digest AS same, i.source, f.id, f.digest FROM ingest_snapshot i
 JOIN ingest_file f ON f.id = i.file_id
 WHERE i.chart_id = :chart AND i.period = :period AND i.file_id != :file
 ORDER BY same DESC, i.file_id;
