-- migrate-008.sql: schema step 8, from user_version 7 to 8.
-- Entities (docs/entities.md): what a chart ranks and what kind each entity
-- is, so that identity never joins a song and an album; the artists credited
-- on an entity (parsed from its credit); aliases of titles; ids that never
-- move (merged-away ids redirect); MusicBrainz's facts on artists, aliases,
-- members and release groups.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 8, in one
-- transaction. Each CREATE statement is one line: SQLite keeps its text as
-- written (sqlite_master, .schema, .dump), and every store has this text.

-- chart.ranks: what its rows are: songs, albums (release groups) or artists.
ALTER TABLE chart ADD COLUMN ranks TEXT NOT NULL DEFAULT 'song' CHECK (ranks IN ('song','album','artist'));

-- song: a chart entity (the table keeps its name); kind is its chart's ranks.
ALTER TABLE song ADD COLUMN kind TEXT NOT NULL DEFAULT 'song' CHECK (kind IN ('song','album','artist'));

-- song_redirect: an id merged away answers as the entity it went into.
CREATE TABLE song_redirect (  from_id INTEGER PRIMARY KEY,  to_id INTEGER NOT NULL);

-- identity_rule.song_id: merge: the id of the song merged away (so that the
-- merge can be undone and the id come back).
ALTER TABLE identity_rule ADD COLUMN song_id INTEGER;

-- song_artist: the artists an entity's credit names, in credit order.
--   role: lead, or featured ("Featuring", "feat.", "with" ...)
CREATE TABLE song_artist (  song_id INTEGER NOT NULL REFERENCES song(id) ON DELETE CASCADE,  artist_id INTEGER NOT NULL REFERENCES artist(id),  role TEXT NOT NULL CHECK (role IN ('lead','featured')),  pos INTEGER NOT NULL,  PRIMARY KEY (song_id, artist_id)) WITHOUT ROWID;

CREATE INDEX song_artist_artist ON song_artist(artist_id);

-- song_alias: another title of an entity (another script: "뚜두뚜두" of
-- "DDU-DU DDU-DU"; the catalog's or MusicBrainz's titles).
--   match: the alias in matching form
CREATE TABLE song_alias (  song_id INTEGER NOT NULL REFERENCES song(id) ON DELETE CASCADE,  alias TEXT NOT NULL,  match TEXT NOT NULL,  PRIMARY KEY (song_id, alias)) WITHOUT ROWID;

CREATE INDEX song_alias_match ON song_alias(match);

-- artist: where it is known from (the catalog, MusicBrainz, or only a chart
-- credit: its kind is then 'other' until a catalog says), and MusicBrainz's
-- facts: its MBID, type (Person, Group ...), area, life span.
ALTER TABLE artist ADD COLUMN origin TEXT NOT NULL DEFAULT 'catalog' CHECK (origin IN ('catalog','musicbrainz','credit'));
ALTER TABLE artist ADD COLUMN mbid TEXT;
ALTER TABLE artist ADD COLUMN type TEXT;
ALTER TABLE artist ADD COLUMN area TEXT;
ALTER TABLE artist ADD COLUMN begin TEXT;
ALTER TABLE artist ADD COLUMN end TEXT;

CREATE UNIQUE INDEX artist_mbid ON artist(mbid) WHERE mbid IS NOT NULL;

-- artist_alias.locale: the alias's locale (ko, en, ja ...), when known.
ALTER TABLE artist_alias ADD COLUMN locale TEXT;

-- artist_member.attributes: MusicBrainz's attributes of the membership
-- ("original", "vocals" ...), comma-separated.
ALTER TABLE artist_member ADD COLUMN attributes TEXT;

-- release: a release group's MBID, its MusicBrainz types ("Album",
-- "Album + Compilation"), and the album entity it is bound to (derived).
ALTER TABLE release ADD COLUMN mbid TEXT;
ALTER TABLE release ADD COLUMN types TEXT;
ALTER TABLE release ADD COLUMN song_id INTEGER REFERENCES song(id);

-- artist_genre: an artist's genres (MusicBrainz's genres, or the catalog's).
CREATE TABLE artist_genre (  artist_id INTEGER NOT NULL REFERENCES artist(id),  genre TEXT NOT NULL,  PRIMARY KEY (artist_id, genre)) WITHOUT ROWID;

-- market_rule: how an artist's market (k-pop, j-pop ...) follows from its
-- genres or its area, in order; the user's own rules replace the built-in
-- ones (kchart catalog markets FILE).
CREATE TABLE market_rule (  pos INTEGER PRIMARY KEY,  field TEXT NOT NULL CHECK (field IN ('genre','area')),  value TEXT NOT NULL,  market TEXT NOT NULL,  UNIQUE (field, value));
