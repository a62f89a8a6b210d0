-- kchart-temp-tables.sql: the temporary tables of a handle, made when the
-- store opens (kc_db_open), before ROLLBACK is prepared: a schema change
-- later would expire it. A script of several statements, run whole.
--   doomed           songs a recompute of runs may delete (runs.c)
--   allkill_loading  the kinds an All-Kill rules file has replaced so far
--                    (allkill.c; the built-in rules load through it as the
--                    store migrates)
--   allkill_result   an evaluation of All-Kills, a row a kind and song
--   allkill_tally    every kind's All-Kills, a row a kind, year (0: every
--                    year) and song, as of allkill_sig (allkill.c,
--                    kc__allkill_sync: derived on read, never stored)
--   allkill_held     what each kind's leaderboard of a year (0: every
--                    year) is captioned with, derived with allkill_tally
--   allkill_sig      what allkill_tally was derived from (one row)
--   allkill_songs    the songs an All-Kill query asks about
--   allkill_state    the charts' No. 1s at one hour, by kind
--   cert_reached     the certifications reached (certs.c; read by the news
--                    too)
--   old_entry        the entries a rebuild, merge or split derives again,
--                    as they were (derive/ids.c: ids that never move)
--   old_key          the keys of those songs, as they were
--   id_scope         the songs a merge or split derives again
--   id_restore       the keys of an id a split brings back (a merge undone),
--                    the song it was merged into, and the key that song
--                    was kept under (the merge's target)
--   id_floor         the highest id used before the operation: a new
--                    entity is numbered above it (identity-new-song.sql);
--                    owner: 'chart' when a chart derived again from its
--                    start settles its ids itself (runs.c)
--   id_move          entities to renumber (from_id to to_id)
--   replayed         songs whose runs on a chart are recomputed (runs.c)
--   news_touched     what the open transaction made known, for the news to
--                    find its events at the commit (store-touched.sql;
--                    news.c, kc__news_learn): what (chart, series, catalog,
--                    sales, all), the chart and period of a snapshot
--                    stored, the digest of the file it came from
--   forget_orphan    artists made from credits that nothing named before a
--                    forget (kchart.c)
--   credit_want      the credits the search counts again, each with its
--                    songs (0: none left), for one sync
--                    (search-sync-credit-count.sql, model/search.c)
CREATE TEMP TABLE doomed (id INTEGER PRIMARY KEY);
CREATE TEMP TABLE allkill_loading (kind TEXT PRIMARY KEY);
CREATE TEMP TABLE allkill_result (kind TEXT, song_id INTEGER,
 hours INTEGER, first TEXT, longest INTEGER, longest_from TEXT,
 last TEXT, missing TEXT, zone TEXT);
CREATE TEMP TABLE allkill_tally (kind TEXT, year INTEGER,
 song_id INTEGER, hours INTEGER, first TEXT, longest INTEGER,
 longest_from TEXT, last TEXT, missing TEXT, zone TEXT,
 PRIMARY KEY (year, kind, song_id)) WITHOUT ROWID;
CREATE TEMP TABLE allkill_held (kind TEXT, year INTEGER, held TEXT,
 PRIMARY KEY (kind, year)) WITHOUT ROWID;
CREATE TEMP TABLE allkill_sig (one INTEGER PRIMARY KEY CHECK (one = 1),
 sig TEXT);
CREATE TEMP TABLE allkill_songs (song_id INTEGER PRIMARY KEY);
CREATE TEMP TABLE allkill_state (kind TEXT, verdict TEXT,
 chart TEXT, period TEXT, song_id INTEGER, state TEXT);
CREATE TEMP TABLE cert_reached (certifier TEXT, award TEXT,
 metric TEXT, threshold INTEGER, provider TEXT, rule TEXT,
 release_id INTEGER, subject_id INTEGER, title TEXT,
 artist TEXT, day INTEGER, total INTEGER);
CREATE TEMP TABLE old_entry (snapshot_id INTEGER, rank INTEGER,
 song_id INTEGER, PRIMARY KEY (snapshot_id, rank)) WITHOUT ROWID;
CREATE TEMP TABLE old_key (key TEXT, song_id INTEGER);
CREATE TEMP TABLE id_scope (id INTEGER PRIMARY KEY);
CREATE TEMP TABLE id_restore (id INTEGER, key TEXT, into_id INTEGER,
 target TEXT);
CREATE TEMP TABLE id_floor (n INTEGER, owner TEXT);
CREATE TEMP TABLE id_move (from_id INTEGER PRIMARY KEY, to_id INTEGER);
CREATE TEMP TABLE replayed (song_id INTEGER PRIMARY KEY);
CREATE TEMP TABLE news_touched (what TEXT NOT NULL, chart_id TEXT,
 period TEXT, file TEXT);
CREATE TEMP TABLE forget_orphan (id INTEGER PRIMARY KEY);
CREATE TEMP TABLE credit_want (artist TEXT NOT NULL, credit TEXT NOT NULL, songs INTEGER NOT NULL, PRIMARY KEY (artist, credit)) WITHOUT ROWID;
