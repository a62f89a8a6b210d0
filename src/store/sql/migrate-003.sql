-- migrate-003.sql: schema step 3, from user_version 2 to 3.
-- Korean charts and All-Kills (allkill.c): when a chart is out, which
-- snapshots hold only some of a chart's songs, the All-Kill rule sets.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 3, in one
-- transaction. Each CREATE statement is one line: SQLite keeps its text as
-- written (sqlite_master, .schema, .dump), and every store has this text.

-- published: hours after a period starts; NULL: default.
ALTER TABLE chart ADD COLUMN published INTEGER;

-- partial: the snapshot holds only some of the chart's songs.
ALTER TABLE snapshot ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;

-- Each snapshot's No. 1, read without the pages of its other ranks.
CREATE INDEX entry_no1 ON entry(snapshot_id, song_id) WHERE rank = 1;

-- allkill_rule: an All-Kill rule set (data/allkill.csv).
--   kind: realtime, certified, perfect, or the user's
--   since: first day in force, YYYY-MM-DD in the charts' zone
--   until: first day no longer in force; NULL: still
--   charts: chart ids, space-separated
CREATE TABLE allkill_rule (  kind TEXT NOT NULL,  since TEXT NOT NULL,  until TEXT,  charts TEXT NOT NULL,  source TEXT NOT NULL,  PRIMARY KEY (kind, since));
