-- migrate-010.sql: schema step 10, from user_version 9 to 10.
-- News as stored events, and the webhooks that push them (docs/news.md):
-- each event is stored once, at the commit of the ingest or import that made
-- it known, with its sentence and the time it was learned; a hook is a URL
-- that each new event matching its filters is POSTed to, in order, from a
-- cursor kept here, so that a restart loses nothing.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 10, in one
-- transaction. Each CREATE statement is one line, as in the earlier steps.

-- event: one fact of the news.
--   id:       the order events were learned in (feeds and hooks page by it);
--             AUTOINCREMENT: an id is never used twice, even after a forget
--             took the newest events out (a hook's cursor counts on it)
--   kind:     debut, no1, reentry, peak, milestone, record, allkill,
--             regions, certification, sales
--   chart_id: the chart it happened on (NULL for an event of no one chart)
--   period:   when it happened: the chart's period, or the day (YYYY-MM-DD)
--   song_id:  the entity (song or album) it is about, if any
--   artist_id: the artist it is about, when an artist is the subject
--   rank:     the rank it stands on, if any
--   figures:  a JSON object of its numbers (a mark, a count, units, hours)
--   sentence: the sentence the news says
--   key:      what makes it the same event when it is found again (the same
--             file twice adds nothing)
--   learned:  when the commit that made it known ran (UTC, ISO 8601)
--   file:     the digest of the file whose ingest or import made it known
--             (forget removes a file's events with it)
CREATE TABLE event (  id INTEGER PRIMARY KEY AUTOINCREMENT,  kind TEXT NOT NULL CHECK (kind IN ('debut','no1','reentry','peak','milestone','record','allkill','regions','certification','sales')),  chart_id TEXT,  period TEXT NOT NULL,  song_id INTEGER,  artist_id INTEGER,  rank INTEGER,  figures TEXT NOT NULL DEFAULT '{}',  sentence TEXT NOT NULL,  key TEXT NOT NULL UNIQUE,  learned TEXT NOT NULL,  file TEXT);

CREATE INDEX event_period ON event(period, id);

CREATE INDEX event_chart ON event(chart_id, period);

CREATE INDEX event_song ON event(song_id);

CREATE INDEX event_file ON event(file);

-- hook: a URL each new event that passes its filters is POSTed to.
--   secret:    the key of its HMAC-SHA256 signature
--   artist_id, kind, chart_id: its filters (NULL: any)
--   delivered: the id of the last event delivered (or given up on); the
--              queue is the matching events above it, in id order
--   attempts:  failed attempts at the event after delivered
--   next_try:  when to try again (UTC seconds; 0: now)
--   failing_since: when the first failed attempt at that event was (UTC
--              seconds; NULL while nothing fails); retried for a day
--   last_error: what the last failed attempt said
CREATE TABLE hook (  id INTEGER PRIMARY KEY,  url TEXT NOT NULL,  secret TEXT NOT NULL,  artist_id INTEGER,  kind TEXT,  chart_id TEXT,  created TEXT NOT NULL,  delivered INTEGER NOT NULL DEFAULT 0,  attempts INTEGER NOT NULL DEFAULT 0,  next_try INTEGER NOT NULL DEFAULT 0,  failing_since INTEGER,  last_error TEXT);

-- hook_gaveup: the events a hook gave up on after a day of failures.
CREATE TABLE hook_gaveup (  hook_id INTEGER NOT NULL,  event_id INTEGER NOT NULL,  at INTEGER NOT NULL,  error TEXT,  PRIMARY KEY (hook_id, event_id)) WITHOUT ROWID;
