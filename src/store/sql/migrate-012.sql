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

-- run_debut: when each run's debut period came out, the order a song's
-- runs are listed in and the chart its debut is taken from (the song and
-- artist pages, `kchart song`): out is the period's start plus the
-- registry's published hours, else (docs/korea.md) the start for an hourly
-- chart and the end for any other, as text that sorts as time (the chart's
-- own clock); yearly is 1 for a year-end chart, a year's sum that comes
-- out when every other chart of that year has, listed after all others;
-- fineness orders the cadences of one instant, the finest first.
CREATE VIEW run_debut AS SELECT r.chart_id AS chart_id, r.song_id AS song_id, c.cadence = 'yearly' AS yearly, datetime(CASE c.cadence WHEN 'hourly' THEN substr(r.debut_period, 1, 10) || ' ' || substr(r.debut_period, 12, 2) || ':00' WHEN 'monthly' THEN r.debut_period || '-01' WHEN 'yearly' THEN r.debut_period || '-01-01' ELSE r.debut_period END, '+' || coalesce(c.published, CASE c.cadence WHEN 'daily' THEN 24 WHEN 'weekly' THEN 168 ELSE 0 END) || ' hours', CASE WHEN c.published IS NOT NULL THEN '+0 hours' WHEN c.cadence = 'monthly' THEN '+1 month' WHEN c.cadence = 'yearly' THEN '+1 year' ELSE '+0 hours' END) AS out, CASE c.cadence WHEN 'hourly' THEN 1 WHEN 'daily' THEN 2 WHEN 'weekly' THEN 3 WHEN 'monthly' THEN 4 ELSE 5 END AS fineness FROM run r JOIN chart c ON c.id = r.chart_id;
