-- files-put-snapshot.sql: a snapshot a chart file holds.
--   :file    the file (ingest_file.id)
--   :chart   the chart's id
--   :period  the period
--   :digest  the snapshot's rows' digest
--   :source  the name it is stored under from this file
INSERT INTO ingest_snapshot (file_id, chart_id, period, digest, source)
VALUES (:file, :chart, :period, :digest, :source)
ON CONFLICT (file_id, chart_id, period) DO UPDATE SET digest = excluded.digest,
 source = excluded.source;
