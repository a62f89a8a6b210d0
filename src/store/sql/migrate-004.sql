-- migrate-004.sql: schema step 4, from user_version 3 to 4.
-- The catalog (input: artists, releases, songs, videos, ids), series of
-- totals and followers (input), and the milestones derived from them
-- (docs/catalog.md, docs/series.md). catalog_song.song_id and
-- subject.song_id bind input to the derived song entities: rebuild clears
-- and binds them again.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 4, in one
-- transaction. Each CREATE statement is one line: SQLite keeps its text as
-- written (sqlite_master, .schema, .dump), and every store has this text.

-- artist: an artist of the catalog.
--   market: 'k-pop', 'j-pop', 'pop' ...; NULL unknown
--   match: matching form of the name
CREATE TABLE artist (  id INTEGER PRIMARY KEY,  name TEXT NOT NULL UNIQUE,  kind TEXT NOT NULL CHECK (kind IN ('group','solo','unit','other')),  market TEXT,  match TEXT NOT NULL);

CREATE INDEX artist_match ON artist(match);

-- artist_alias: another name of an artist.
CREATE TABLE artist_alias (  artist_id INTEGER NOT NULL REFERENCES artist(id),  alias TEXT NOT NULL,  match TEXT NOT NULL,  PRIMARY KEY (artist_id, alias)) WITHOUT ROWID;

CREATE INDEX artist_alias_match ON artist_alias(match);

-- artist_member: a member of a group.
--   since: YYYY-MM-DD; NULL unknown
--   until: NULL: still a member
CREATE TABLE artist_member (  group_id INTEGER NOT NULL REFERENCES artist(id),  member_id INTEGER NOT NULL REFERENCES artist(id),  since TEXT,  until TEXT,  PRIMARY KEY (group_id, member_id)) WITHOUT ROWID;

-- artist_account: an artist's account on a platform.
--   platform: instagram, spotify, youtube ...
--   joined: days since 1970-01-01; NULL unknown
CREATE TABLE artist_account (  artist_id INTEGER NOT NULL REFERENCES artist(id),  platform TEXT NOT NULL,  handle TEXT,  joined INTEGER,  PRIMARY KEY (artist_id, platform)) WITHOUT ROWID;

-- catalog_song: a song of the catalog.
--   key: the catalog's handle: 'v/love-me-again'
--   credit: as shown: 'Jung Kook feat. Latto'
--   song_id: derived: its chart entity
CREATE TABLE catalog_song (  id INTEGER PRIMARY KEY,  key TEXT NOT NULL UNIQUE,  title TEXT NOT NULL,  credit TEXT NOT NULL,  song_id INTEGER REFERENCES song(id));

CREATE INDEX catalog_song_song ON catalog_song(song_id);

-- catalog_song_id: a provider id or ISRC of a catalog song.
--   value: provider id 'melon:8304594' or ISRC
CREATE TABLE catalog_song_id (  value TEXT NOT NULL,  kind TEXT NOT NULL CHECK (kind IN ('provider','isrc')),  catalog_song_id INTEGER NOT NULL REFERENCES catalog_song(id),  PRIMARY KEY (kind, value)) WITHOUT ROWID;

CREATE INDEX catalog_song_id_song ON catalog_song_id(catalog_song_id);

-- song_credit: an artist credited on a catalog song.
--   pos: order in the credit
CREATE TABLE song_credit (  catalog_song_id INTEGER NOT NULL REFERENCES catalog_song(id),  artist_id INTEGER NOT NULL REFERENCES artist(id),  credit TEXT NOT NULL CHECK (credit IN ('lead','featured')),  pos INTEGER NOT NULL,  PRIMARY KEY (catalog_song_id, artist_id)) WITHOUT ROWID;

CREATE INDEX song_credit_artist ON song_credit(artist_id);

-- release: a release of the catalog.
--   released: as written: date, or local time and offset
--   time_zone: IANA name or +HH:MM
--   released_utc: the instant, seconds since 1970 UTC
CREATE TABLE release (  id INTEGER PRIMARY KEY,  key TEXT NOT NULL UNIQUE,  title TEXT NOT NULL,  kind TEXT NOT NULL CHECK (kind IN    ('album','ep','single','repackage','mixtape','ost')),  artist_id INTEGER REFERENCES artist(id),  released TEXT NOT NULL,  time_zone TEXT NOT NULL,  released_utc INTEGER NOT NULL);

-- release_song: a track of a release.
CREATE TABLE release_song (  release_id INTEGER NOT NULL REFERENCES release(id),  catalog_song_id INTEGER NOT NULL REFERENCES catalog_song(id),  track INTEGER,  role TEXT CHECK (role IN ('title','b-side','pre-release','ost','fan-song')),  PRIMARY KEY (release_id, catalog_song_id)) WITHOUT ROWID;

CREATE INDEX release_song_song ON release_song(catalog_song_id);

-- video: a music video of a catalog song.
--   id: provider id: 'youtube:<video id>'
CREATE TABLE video (  id TEXT PRIMARY KEY,  catalog_song_id INTEGER NOT NULL REFERENCES catalog_song(id),  channel TEXT,  released TEXT NOT NULL,  time_zone TEXT NOT NULL,  released_utc INTEGER NOT NULL);

-- series_source: a source of series.
--   kind: the ladder it climbs: streams, views, followers
CREATE TABLE series_source (  id TEXT PRIMARY KEY,  kind TEXT NOT NULL,  subject TEXT NOT NULL CHECK (subject IN ('song','artist')),  platform TEXT NOT NULL);

INSERT INTO series_source VALUES
  ('spotify-streams','streams','song','spotify'),
  ('youtube-views','views','song','youtube'),
  ('instagram-followers','followers','artist','instagram'),
  ('spotify-followers','followers','artist','spotify'),
  ('youtube-subscribers','followers','artist','youtube'),
  ('tiktok-followers','followers','artist','tiktok'),
  ('x-followers','followers','artist','x'),
  ('weverse-followers','followers','artist','weverse');

-- ladder: marks first, first + step, ... up to last (docs/series.md).
CREATE TABLE ladder (  kind TEXT NOT NULL,  first INTEGER NOT NULL CHECK (first > 0),  step INTEGER NOT NULL CHECK (step >= 0),  last INTEGER NOT NULL CHECK (last >= first),  PRIMARY KEY (kind, first)) WITHOUT ROWID;

INSERT INTO ladder VALUES
  ('streams',100000000,100000000,3000000000),
  ('streams',3500000000,500000000,50000000000),
  ('views',10000000,0,10000000),
  ('views',50000000,0,50000000),
  ('views',100000000,100000000,3000000000),
  ('views',3500000000,500000000,50000000000),
  ('followers',1000000,0,1000000),
  ('followers',5000000,0,5000000),
  ('followers',10000000,10000000,100000000),
  ('followers',150000000,50000000,1000000000);

-- subject: what a series is of.
--   ref: song: 'id:<provider id>' or its t: key; artist: 'artist:<name>'
--   title: song: to find or make its entity again
--   song_id: derived
CREATE TABLE subject (  id INTEGER PRIMARY KEY,  kind TEXT NOT NULL CHECK (kind IN ('song','artist')),  ref TEXT NOT NULL UNIQUE,  title TEXT NOT NULL,  credit TEXT NOT NULL,  artist_id INTEGER REFERENCES artist(id),  song_id INTEGER REFERENCES song(id));

CREATE INDEX subject_song ON subject(song_id);

-- point: one value of a series.
--   day: the provider's data date, days since 1970
CREATE TABLE point (  subject_id INTEGER NOT NULL REFERENCES subject(id),  source TEXT NOT NULL REFERENCES series_source(id),  kind TEXT NOT NULL CHECK (kind IN ('total','daily')),  day INTEGER NOT NULL,  value INTEGER NOT NULL CHECK (value >= 0),  file TEXT NOT NULL,  PRIMARY KEY (subject_id, source, kind, day)) WITHOUT ROWID;

-- milestone: derived from point and ladder.
--   day: the first total at or above the mark
--   prev_day: the total before it; NULL: none
CREATE TABLE milestone (  source TEXT NOT NULL,  mark INTEGER NOT NULL,  subject_id INTEGER NOT NULL REFERENCES subject(id),  day INTEGER NOT NULL,  prev_day INTEGER,  PRIMARY KEY (source, mark, subject_id)) WITHOUT ROWID;
