-- migrate-009.sql: schema step 9, from user_version 8 to 9.
-- Search by any name in any script (docs/entities.md, "Names in any
-- script, and search"): every name an entity or an artist is found by, its
-- title or name and each alias, in matching form, with an FTS5 index of
-- trigrams over them (substrings of three characters or more, Hangul and
-- Latin alike) beside the plain index on the matching form (a name of one
-- or two syllables, 뷔 or 제니, is matched whole or as a prefix there).
--
-- A derived index, brought up to the store by the search itself before it
-- reads (kc__search_sync, model/search.c): names whose entity or artist is
-- gone or renamed are taken away, names not there yet added (song titles,
-- song_alias, artist, artist_alias, whoever wrote them: chart identity, the
-- catalog, MusicBrainz, credits), and the names added since the last search
-- get their trigrams. It compares the names with their tables whole, so it
-- cannot miss a row, and no writer pays for it: the ingest, an import and a
-- rebuild write nothing here.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 9, in one
-- transaction. Each CREATE statement is one line, as in the earlier steps.

-- search_name: one name of an entity (src 'song': the song table, whatever
-- the entity's kind) or an artist (src 'artist').
--   via:   title (an entity's), name (an artist's), alias (either's)
--   match: the name in matching form (kc__match_title; an entity's title
--          part of song.match)
CREATE TABLE search_name (  id INTEGER PRIMARY KEY AUTOINCREMENT,  src TEXT NOT NULL CHECK (src IN ('song','artist')),  ref INTEGER NOT NULL,  via TEXT NOT NULL CHECK (via IN ('title','name','alias')),  name TEXT NOT NULL,  match TEXT NOT NULL);

CREATE INDEX search_name_ref ON search_name(src, ref, via);

CREATE INDEX search_name_match ON search_name(match);

-- search_fts: the trigrams of each search_name's match (external content:
-- the text stays in search_name), for the names up to search_state.done.
-- search_name's ids only grow (AUTOINCREMENT), so the names above done are
-- those not indexed yet.
CREATE VIRTUAL TABLE search_fts USING fts5(match, content='search_name', content_rowid='id', tokenize='trigram');

CREATE TABLE search_state (  done INTEGER NOT NULL);

INSERT INTO search_state (done) VALUES (0);

-- A name taken away takes its trigrams with it.
CREATE TRIGGER search_name_ad AFTER DELETE ON search_name WHEN old.id <= (SELECT done FROM search_state) BEGIN  INSERT INTO search_fts (search_fts, rowid, match) VALUES ('delete', old.id, old.match); END;
