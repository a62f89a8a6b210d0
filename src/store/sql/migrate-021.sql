-- migrate-021.sql: schema step 21, from user_version 20 to 21: what a
-- write touched of the search's tables, queued as it is written.
--
-- The search's derived tables (search_name, search_fts: migrate-009.sql;
-- song_word, song_rank, credit_group, credit_word: migrate-013.sql,
-- migrate-017.sql) are brought up to the store by the search before it
-- reads (kc__search_sync, model/search.c). Until this step it compared
-- them whole with the store whenever something had been written since
-- the connection last did: 0.4 to 0.6 s of CPU for the first search after
-- each write, and for every CLI command that looks a name up, whose
-- connection is new (docs/performance.md, "Still slow").
--
-- Now what a write touches is queued in the write's own transaction, and
-- the search compares that alone, then empties the queue:
--   search_touch: a song or an artist whose names, keys, runs or row
--     changed. A row ('whole', 0) asks for the whole comparison instead:
--     put here, so that the first search after this step compares as
--     before; a rebuild puts it too.
--   search_credit: a credit (as written, and the credit of its matching
--     form) that a song left or took (a song taken away or rewritten);
--     the credits of the songs queued are counted again too.
-- Who queues:
--   - the triggers below, for the tables written rarely, whoever writes
--     (kchart, the server, or sqlite3 behind its back; a rollback takes
--     the queue back with the write): a song taken away or rewritten, its
--     keys taken away or moved, its aliases, a run taken away or moved to
--     another song, an artist and its aliases;
--   - kchart itself for the writes of an ingest, which are many: a trigger
--     on song, song_key or run INSERT, or on a run's counters, cost the
--     whole Hot 100's ingest 14 % more CPU. Every song an ingest makes or
--     gives a key gets a run written in the same transaction, and the
--     runs' writer queues the songs of the runs it wrote
--     (kc__search_touch_songs from runs_state.c; runs.c's recount); the
--     catalog's binding queues the songs it makes or gives keys (the
--     same). A song, key or run added by hand with
--     sqlite3 is not queued: a rebuild then compares everything.
-- A queued credit's songs are counted by a read of every song (an index
-- of the songs by credit cost the Hot 100's ingest about 10 % more CPU).
-- The triggers only insert, each row once (NOT EXISTS, not a conflict
-- clause: a trigger's statements take the outer statement's, and an
-- INSERT OR ABORT of an alias would fail on a song queued twice), so that
-- the rows a command changed are its changes less the rows the queue
-- gained (kc__changes_own, model/search.c).
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 21, in one
-- transaction. Each CREATE statement is one line, as in the earlier steps.

-- search_touch: a song or artist to compare, or the whole comparison.
--   src: 'song' or 'artist' (ref its id), or 'whole' (ref 0)
CREATE TABLE search_touch (  src TEXT NOT NULL CHECK (src IN ('song','artist','whole')),  ref INTEGER NOT NULL,  PRIMARY KEY (src, ref)) WITHOUT ROWID;

-- search_credit: a credit whose songs are to be counted again.
--   artist: song.artist; credit: the credit of song.match (after its '|')
CREATE TABLE search_credit (  artist TEXT NOT NULL,  credit TEXT NOT NULL,  PRIMARY KEY (artist, credit)) WITHOUT ROWID;

INSERT INTO search_touch (src, ref) VALUES ('whole', 0);

CREATE TRIGGER search_song_ad AFTER DELETE ON song BEGIN INSERT INTO search_touch (src, ref) SELECT 'song', OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = OLD.id); INSERT INTO search_credit (artist, credit) SELECT OLD.artist, substr(OLD.match, instr(OLD.match, '|') + 1) WHERE NOT EXISTS (SELECT 1 FROM search_credit WHERE artist = OLD.artist AND credit = substr(OLD.match, instr(OLD.match, '|') + 1)); END;

CREATE TRIGGER search_song_au AFTER UPDATE OF id, title, artist, match ON song BEGIN INSERT INTO search_touch (src, ref) SELECT 'song', OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = OLD.id); INSERT INTO search_touch (src, ref) SELECT 'song', NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = NEW.id); INSERT INTO search_credit (artist, credit) SELECT OLD.artist, substr(OLD.match, instr(OLD.match, '|') + 1) WHERE NOT EXISTS (SELECT 1 FROM search_credit WHERE artist = OLD.artist AND credit = substr(OLD.match, instr(OLD.match, '|') + 1)); INSERT INTO search_credit (artist, credit) SELECT NEW.artist, substr(NEW.match, instr(NEW.match, '|') + 1) WHERE NOT EXISTS (SELECT 1 FROM search_credit WHERE artist = NEW.artist AND credit = substr(NEW.match, instr(NEW.match, '|') + 1)); END;

CREATE TRIGGER search_song_key_ad AFTER DELETE ON song_key BEGIN INSERT INTO search_touch (src, ref) SELECT 'song', OLD.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = OLD.song_id); END;

CREATE TRIGGER search_song_key_au AFTER UPDATE ON song_key BEGIN INSERT INTO search_touch (src, ref) SELECT 'song', OLD.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = OLD.song_id); INSERT INTO search_touch (src, ref) SELECT 'song', NEW.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = NEW.song_id); END;

CREATE TRIGGER search_song_alias_ai AFTER INSERT ON song_alias BEGIN INSERT INTO search_touch (src, ref) SELECT 'song', NEW.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = NEW.song_id); END;

CREATE TRIGGER search_song_alias_ad AFTER DELETE ON song_alias BEGIN INSERT INTO search_touch (src, ref) SELECT 'song', OLD.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = OLD.song_id); END;

CREATE TRIGGER search_song_alias_au AFTER UPDATE ON song_alias BEGIN INSERT INTO search_touch (src, ref) SELECT 'song', OLD.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = OLD.song_id); INSERT INTO search_touch (src, ref) SELECT 'song', NEW.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = NEW.song_id); END;

CREATE TRIGGER search_artist_alias_ai AFTER INSERT ON artist_alias BEGIN INSERT INTO search_touch (src, ref) SELECT 'artist', NEW.artist_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'artist' AND ref = NEW.artist_id); END;

CREATE TRIGGER search_artist_alias_ad AFTER DELETE ON artist_alias BEGIN INSERT INTO search_touch (src, ref) SELECT 'artist', OLD.artist_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'artist' AND ref = OLD.artist_id); END;

CREATE TRIGGER search_artist_alias_au AFTER UPDATE ON artist_alias BEGIN INSERT INTO search_touch (src, ref) SELECT 'artist', OLD.artist_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'artist' AND ref = OLD.artist_id); INSERT INTO search_touch (src, ref) SELECT 'artist', NEW.artist_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'artist' AND ref = NEW.artist_id); END;

CREATE TRIGGER search_run_ad AFTER DELETE ON run BEGIN INSERT INTO search_touch (src, ref) SELECT 'song', OLD.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = OLD.song_id); END;

CREATE TRIGGER search_run_au AFTER UPDATE OF chart_id, song_id ON run BEGIN INSERT INTO search_touch (src, ref) SELECT 'song', OLD.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = OLD.song_id); INSERT INTO search_touch (src, ref) SELECT 'song', NEW.song_id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'song' AND ref = NEW.song_id); END;

CREATE TRIGGER search_artist_ai AFTER INSERT ON artist BEGIN INSERT INTO search_touch (src, ref) SELECT 'artist', NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'artist' AND ref = NEW.id); END;

CREATE TRIGGER search_artist_ad AFTER DELETE ON artist BEGIN INSERT INTO search_touch (src, ref) SELECT 'artist', OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'artist' AND ref = OLD.id); END;

CREATE TRIGGER search_artist_au AFTER UPDATE OF id, name, match ON artist BEGIN INSERT INTO search_touch (src, ref) SELECT 'artist', OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'artist' AND ref = OLD.id); INSERT INTO search_touch (src, ref) SELECT 'artist', NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_touch WHERE src = 'artist' AND ref = NEW.id); END;

CREATE TRIGGER search_credit_group_ad AFTER DELETE ON credit_group BEGIN DELETE FROM credit_word WHERE rowid = OLD.id; END;
