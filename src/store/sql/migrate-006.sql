-- migrate-006.sql: schema step 6, from user_version 5 to 6.
-- Certification rules (data/certs.csv; certs.c), and the series of Circle's
-- download and streaming counts that its song certifications are counted on.
-- The awards reached are computed when asked.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 6, in one
-- transaction. Each CREATE statement is one line: SQLite keeps its text as
-- written (sqlite_master, .schema, .dump), and every store has this text.

-- cert_rule: a certification rule.
--   certifier: Circle, RIAA, ...
--   award: platinum, 2x platinum, million, gold ...
--   since: first day in force, YYYY-MM-DD
--   until: first day no longer in force; NULL: still
--   provider: sale_provider (albums, units) or series_source
CREATE TABLE cert_rule (  certifier TEXT NOT NULL,  award TEXT NOT NULL,  metric TEXT NOT NULL CHECK (metric IN ('albums','units','downloads','streams')),  threshold INTEGER NOT NULL CHECK (threshold > 0),  since TEXT NOT NULL,  until TEXT,  provider TEXT NOT NULL,  source TEXT NOT NULL,  PRIMARY KEY (certifier, award, metric, since));

INSERT INTO series_source VALUES
  ('circle-downloads','downloads','song','circle'),
  ('circle-streams','streams','song','circle');
