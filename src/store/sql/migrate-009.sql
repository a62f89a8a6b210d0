-- migrate-009.sql: schema step 9, from user_version 8 to 9.
-- Search by any name in any script (docs/entities.md, "Names in any
-- script, and search"): every name an entity or an artist is found by, its
-- title or name and each alias, in matching form, with an FTS5 index of
-- trigrams over them (substrings of three characters or more, Hangul and
-- Latin alike) beside the plain index on the matching form (a name of one
-- or two syllables, 뷔 or 제니, is matched whole or as a prefix there).
--
-- In step with the store without a cost to the ingest: triggers on
-- song_alias, artist and artist_alias write their names as they change (no
-- writer, chart identity, the catalog, MusicBrainz or credits, can leave one
-- out), and a song's deletion takes its names away; a new song's title and
-- the trigrams of names written since the last search are added by the
-- search itself, before it reads (kc__search_sync: every song without its
-- title row, every name above search_state.done), so a search cannot miss
-- a row either. This step fills the names from what the store holds.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 9, in one
-- transaction. Each CREATE statement is one line, as in the earlier steps.

-- search_name: one name of an entity (src 'song': the song table, whatever
-- the entity's kind) or an artist (src 'artist').
--   via:   title (an entity's), name (an artist's), alias (either's)
--   match: the name in matching form (kc__match_title)
CREATE TABLE search_name (  id INTEGER PRIMARY KEY AUTOINCREMENT,  src TEXT NOT NULL CHECK (src IN ('song','artist')),  ref INTEGER NOT NULL,  via TEXT NOT NULL CHECK (via IN ('title','name','alias')),  name TEXT NOT NULL,  match TEXT NOT NULL);

CREATE INDEX search_name_ref ON search_name(src, ref);

CREATE INDEX search_name_match ON search_name(match);

-- search_fts: the trigrams of each search_name's match (external content:
-- the text stays in search_name), for the names up to search_state.done.
-- search_name's ids only grow (AUTOINCREMENT), so the names above done are
-- those not indexed yet.
CREATE VIRTUAL TABLE search_fts USING fts5(match, content='search_name', content_rowid='id', tokenize='trigram');

CREATE TABLE search_state (  done INTEGER NOT NULL);

INSERT INTO search_state (done) VALUES (0);

CREATE TRIGGER search_name_ad AFTER DELETE ON search_name WHEN old.id <= (SELECT done FROM search_state) BEGIN  INSERT INTO search_fts (search_fts, rowid, match) VALUES ('delete', old.id, old.match); END;

-- An entity's title (the title part of song.match, '<title>|<credit>') is
-- added by the search (search-sync-titles.sql); a changed one is taken
-- away here, to be added again.
CREATE TRIGGER search_song_au AFTER UPDATE OF title, match ON song BEGIN  DELETE FROM search_name WHERE src = 'song' AND ref = old.id AND via = 'title'; END;

CREATE TRIGGER search_song_ad AFTER DELETE ON song BEGIN  DELETE FROM search_name WHERE src = 'song' AND ref = old.id; END;

-- An insert first takes away the name it writes: an INSERT OR REPLACE
-- deletes the old row without its delete trigger (recursive triggers are
-- off), and the name must not be there twice.
CREATE TRIGGER search_song_alias_ai AFTER INSERT ON song_alias BEGIN  DELETE FROM search_name WHERE src = 'song' AND ref = new.song_id AND via = 'alias' AND name = new.alias;  INSERT INTO search_name (src, ref, via, name, match) VALUES ('song', new.song_id, 'alias', new.alias, new.match); END;

CREATE TRIGGER search_song_alias_ad AFTER DELETE ON song_alias BEGIN  DELETE FROM search_name WHERE src = 'song' AND ref = old.song_id AND via = 'alias' AND name = old.alias; END;

CREATE TRIGGER search_song_alias_au AFTER UPDATE ON song_alias BEGIN  DELETE FROM search_name WHERE src = 'song' AND ref = old.song_id AND via = 'alias' AND name = old.alias;  INSERT INTO search_name (src, ref, via, name, match) VALUES ('song', new.song_id, 'alias', new.alias, new.match); END;

CREATE TRIGGER search_artist_ai AFTER INSERT ON artist BEGIN  DELETE FROM search_name WHERE src = 'artist' AND ref = new.id AND via = 'name';  INSERT INTO search_name (src, ref, via, name, match) VALUES ('artist', new.id, 'name', new.name, new.match); END;

CREATE TRIGGER search_artist_au AFTER UPDATE OF name, match ON artist BEGIN  DELETE FROM search_name WHERE src = 'artist' AND ref = old.id AND via = 'name';  INSERT INTO search_name (src, ref, via, name, match) VALUES ('artist', new.id, 'name', new.name, new.match); END;

CREATE TRIGGER search_artist_ad AFTER DELETE ON artist BEGIN  DELETE FROM search_name WHERE src = 'artist' AND ref = old.id; END;

CREATE TRIGGER search_artist_alias_ai AFTER INSERT ON artist_alias BEGIN  DELETE FROM search_name WHERE src = 'artist' AND ref = new.artist_id AND via = 'alias' AND name = new.alias;  INSERT INTO search_name (src, ref, via, name, match) VALUES ('artist', new.artist_id, 'alias', new.alias, new.match); END;

CREATE TRIGGER search_artist_alias_ad AFTER DELETE ON artist_alias BEGIN  DELETE FROM search_name WHERE src = 'artist' AND ref = old.artist_id AND via = 'alias' AND name = old.alias; END;

CREATE TRIGGER search_artist_alias_au AFTER UPDATE ON artist_alias BEGIN  DELETE FROM search_name WHERE src = 'artist' AND ref = old.artist_id AND via = 'alias' AND name = old.alias;  INSERT INTO search_name (src, ref, via, name, match) VALUES ('artist', new.artist_id, 'alias', new.alias, new.match); END;

-- What the store holds already (the songs' titles: at the first search).
INSERT INTO search_name (src, ref, via, name, match) SELECT 'song', song_id, 'alias', alias, match FROM song_alias;
INSERT INTO search_name (src, ref, via, name, match) SELECT 'artist', id, 'name', name, match FROM artist;
INSERT INTO search_name (src, ref, via, name, match) SELECT 'artist', artist_id, 'alias', alias, match FROM artist_alias;
