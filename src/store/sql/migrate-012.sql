-- migrate-012.sql: schema step 12, from user_version 11 to 12.
-- A song's entries read by song: its page's ranks on every chart it was on
-- (query-song-history.sql) without reading each of its charts' periods by
-- rank until its row, and the periods it was No. 1 (the hours its
-- All-Kills can fall in, allkill-song-window.sql) without reading every
-- period of those charts.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 12, in one
-- transaction. Each CREATE statement is one line, as in the earlier steps.

-- A song's entry in a snapshot (entry's key, snapshot_id and rank, rides
-- along: a song is placed once a period, runs.c). An index row for every
-- entry: what it costs the Hot 100's ingest is in docs/store.md.
CREATE INDEX entry_song ON entry(song_id, snapshot_id);

-- The snapshots a song was No. 1 of: one row a snapshot.
CREATE INDEX entry_song_no1 ON entry(song_id, snapshot_id) WHERE rank = 1;
