-- migrate-005.sql: schema step 5, from user_version 4 to 5.
-- Album sales as providers report them, the providers' zones and weeks, the
-- weekly inputs of equivalent album units and their ratios (docs/sales.md).
-- All input: windows and units are computed when asked.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 5, in one
-- transaction. Each CREATE statement is one line: SQLite keeps its text as
-- written (sqlite_master, .schema, .dump), and every store has this text.

-- sale_provider: a sales provider.
--   time_zone: its days and weeks are counted there
--   week_start: ISO day
CREATE TABLE sale_provider (  id TEXT PRIMARY KEY,  name TEXT NOT NULL,  time_zone TEXT NOT NULL,  week_start INTEGER NOT NULL CHECK (week_start BETWEEN 1 AND 7),  first_week TEXT NOT NULL CHECK (first_week IN ('rolling7','tracking')));

-- Hanteo's first week (chodong) is 7 days from the release day, KST;
-- Circle's weekly album chart runs Sunday-Saturday, KST; Oricon's
-- Monday-Sunday, JST; Luminate's (Billboard's) tracking week
-- Friday-Thursday, Eastern time.
INSERT INTO sale_provider VALUES
  ('hanteo','Hanteo Chart','Asia/Seoul',1,'rolling7'),
  ('circle','Circle Chart','Asia/Seoul',7,'tracking'),
  ('oricon','Oricon','Asia/Tokyo',1,'tracking'),
  ('luminate','Luminate (Billboard)','America/New_York',5,'tracking'),
  ('any','any other source','UTC',1,'tracking');

-- sale: a row of a sales report.
--   version: '' when the report does not split versions
--   country: '' for the provider's whole count
--   period: as written: YYYY-MM-DD, YYYY-MM or YYYY
--   first_day: days since 1970, in the provider's zone
CREATE TABLE sale (  provider TEXT NOT NULL REFERENCES sale_provider(id),  release_id INTEGER NOT NULL REFERENCES release(id),  version TEXT NOT NULL,  country TEXT NOT NULL,  kind TEXT NOT NULL CHECK (kind IN ('day','week','month','year','cumulative')),  period TEXT NOT NULL,  first_day INTEGER NOT NULL,  last_day INTEGER NOT NULL,  units INTEGER NOT NULL CHECK (units >= 0),  file TEXT NOT NULL,  PRIMARY KEY (release_id, provider, kind, period, version, country))  WITHOUT ROWID;

-- unit_rule: unit ratios from a chart date (data/units.csv).
--   since: chart date it takes effect, YYYY-MM-DD
--   tracks: track sales per album; 0: not counted
--   paid: paid streams per album; 0: not counted
--   ad: ad-supported streams per album
--   video: video streams count
CREATE TABLE unit_rule (  since TEXT PRIMARY KEY,  tracks INTEGER NOT NULL,  paid INTEGER NOT NULL,  ad INTEGER NOT NULL,  video INTEGER NOT NULL CHECK (video IN (0,1)),  source TEXT NOT NULL);

-- album_week: an album's inputs of a chart week.
--   chart_date: the Billboard chart date, days since 1970
CREATE TABLE album_week (  release_id INTEGER NOT NULL REFERENCES release(id),  chart_date INTEGER NOT NULL,  sales INTEGER NOT NULL,  track_sales INTEGER NOT NULL,  paid_streams INTEGER NOT NULL,  ad_streams INTEGER NOT NULL,  video_streams INTEGER NOT NULL,  file TEXT NOT NULL,  PRIMARY KEY (chart_date, release_id)) WITHOUT ROWID;
