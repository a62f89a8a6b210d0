-- migrate-011.sql: schema step 11, from user_version 10 to 11.
-- The files ingested and what each stored, so that one can be taken back
-- out (`kchart forget`, docs/forget.md). A file is named by its digest
-- (XXH3-128 of its bytes, util/file.c). A chart file's snapshots are listed
-- (ingest_snapshot): a snapshot goes with the last file that holds it. Any
-- other file keeps its changes to the input tables as an SQLite session
-- changeset, which forget inverts.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 11, in one
-- transaction. Each CREATE statement is one line, as in the earlier steps.

-- ingest_file: a file ingested.
--   id:      the order files were ingested in (forget undoes the newest first)
--   digest:  XXH3-128 of its bytes, 32 hex digits
--   path:    the path it was ingested from (or the name it was posted as)
--   kind:    chart, catalog, series, sales or units
--   at:      when it was first ingested (UTC, ISO 8601)
--   changes: its changes to the input tables (a session changeset); NULL
--            for a chart file
CREATE TABLE ingest_file (  id INTEGER PRIMARY KEY,  digest TEXT NOT NULL UNIQUE,  path TEXT NOT NULL,  kind TEXT NOT NULL CHECK (kind IN ('chart','catalog','series','sales','units')),  at TEXT NOT NULL,  changes BLOB);

-- ingest_snapshot: a snapshot a chart file holds, stored by it or already
-- stored with the same rows.
--   file_id:  the file (ingest_file.id)
--   chart_id, period: the snapshot
--   digest:   its rows' digest (snapshot.digest)
--   source:   the name it is stored under from this file (snapshot.source)
CREATE TABLE ingest_snapshot (  file_id INTEGER NOT NULL REFERENCES ingest_file(id) ON DELETE CASCADE,  chart_id TEXT NOT NULL,  period TEXT NOT NULL,  digest TEXT NOT NULL,  source TEXT NOT NULL,  PRIMARY KEY (file_id, chart_id, period)) WITHOUT ROWID;

CREATE INDEX ingest_snapshot_period ON ingest_snapshot(chart_id, period);
