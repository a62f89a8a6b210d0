-- migrate-001.sql: schema step 1, from user_version 0 to 1.
-- Observations, the registry, identity and runs.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 1, in one
-- transaction. Each CREATE statement is one line: SQLite keeps its text as
-- written (sqlite_master, .schema, .dump), and every store has this text.

-- chart: a chart of the registry (data/charts.csv).
CREATE TABLE chart (  id TEXT PRIMARY KEY,  provider TEXT NOT NULL,  name TEXT NOT NULL,  region TEXT NOT NULL,  cadence TEXT NOT NULL CHECK (cadence IN    ('hourly','daily','weekly','monthly','yearly')),  timezone TEXT NOT NULL,  size INTEGER NOT NULL CHECK (size > 0),  period_naming TEXT NOT NULL);

-- snapshot: one period of a chart as the provider published it.
--   source: the file name it came from
--   digest: XXH3 of its rows, to spot changes
--   has_counters: the provider published last/peak/periods
CREATE TABLE snapshot (  id INTEGER PRIMARY KEY,  chart_id TEXT NOT NULL REFERENCES chart(id),  period TEXT NOT NULL,  source TEXT NOT NULL,  digest TEXT NOT NULL,  has_counters INTEGER NOT NULL,  UNIQUE (chart_id, period));

-- observation: one row of a snapshot, as published.
--   p_last: NULL: new or re-entry (or not published)
CREATE TABLE observation (  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,  rank INTEGER NOT NULL CHECK (rank > 0),  title TEXT NOT NULL,  artist TEXT NOT NULL,  provider_id TEXT,  value INTEGER,  p_last INTEGER,  p_peak INTEGER,  p_periods INTEGER,  PRIMARY KEY (snapshot_id, rank)) WITHOUT ROWID;

-- song: a chart entity (derived).
--   match: matching form of title and artist, for search
CREATE TABLE song (  id INTEGER PRIMARY KEY,  title TEXT NOT NULL,  artist TEXT NOT NULL,  match TEXT NOT NULL);

-- song_key: the keys that name a song (derived).
--   key: 'id:<provider id>' or 't:<title>|<credit>'
CREATE TABLE song_key (  key TEXT NOT NULL,  song_id INTEGER NOT NULL REFERENCES song(id) ON DELETE CASCADE,  PRIMARY KEY (key, song_id)) WITHOUT ROWID;

CREATE INDEX song_key_song ON song_key(song_id);

-- entry: one per observation: what we derive from it.
--   last: our previous rank; NULL for new and re-entry
--   status: new, re-entry, up, down, same
--   periods: periods on chart so far, across gaps
--   streak: consecutive periods up to this one
--   seeded: counters taken from the provider here
-- No index on entry(song_id): it costs a random page write per row at
-- ingest; a song's charts come from run, which has one.
CREATE TABLE entry (  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,  rank INTEGER NOT NULL,  song_id INTEGER NOT NULL REFERENCES song(id),  last INTEGER,  status TEXT NOT NULL,  peak INTEGER NOT NULL,  periods INTEGER NOT NULL,  streak INTEGER NOT NULL,  seeded INTEGER NOT NULL,  PRIMARY KEY (snapshot_id, rank)) WITHOUT ROWID;

-- run: a song's run on a chart (derived).
--   streak: current streak, up to last_period
--   peak_period: first period at peak; NULL if seeded
CREATE TABLE run (  chart_id TEXT NOT NULL,  song_id INTEGER NOT NULL REFERENCES song(id),  debut_period TEXT NOT NULL,  debut_rank INTEGER NOT NULL,  periods INTEGER NOT NULL,  streak INTEGER NOT NULL,  longest_streak INTEGER NOT NULL,  peak INTEGER NOT NULL,  peak_period TEXT,  periods_at_peak INTEGER NOT NULL,  periods_at_no1 INTEGER NOT NULL,  reentries INTEGER NOT NULL,  last_period TEXT NOT NULL,  last_rank INTEGER NOT NULL,  PRIMARY KEY (chart_id, song_id)) WITHOUT ROWID;

CREATE INDEX run_song ON run(song_id);

-- identity_rule: a user's merge or split (input, kept by rebuild).
--   key: the key that moves
--   target: merge: a key of the song it joins
CREATE TABLE identity_rule (  id INTEGER PRIMARY KEY,  kind TEXT NOT NULL CHECK (kind IN ('merge','split')),  key TEXT NOT NULL,  target TEXT);
