-- files-put.sql: registers a file ingested; a file already registered (the
-- same bytes) keeps its row.
--   :digest   XXH3-128 of its bytes, hex
--   :path     the path it was read from
--   :kind     chart, catalog, series, sales or units
--   :changes  its changeset (NULL: a chart file, or nothing changed)
INSERT INTO ingest_file (digest, path, kind, at, changes)
VALUES (:digest, :path, :kind, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :changes)
ON CONFLICT (digest) DO NOTHING;
