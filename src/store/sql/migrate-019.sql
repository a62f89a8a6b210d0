-- migrate-019.sql: schema step 19, from user_version 18 to 19: an
-- artist's songs and totals read from one index, and the news filtered by
-- when an event was learned or by its kind, counted and listed without
-- reading every event.
--
-- An artist's page (query-artist-*.sql, /api/artists) reads every run of
-- every song credited to it: its songs' charts, best peaks, periods and
-- first charts, and its totals per chart. run_song held the song and the
-- chart alone, so that each run was a second seek, into run's key by its
-- text chart id: the largest artists have over a thousand runs (Bad
-- Bunny 1,223 on the Korean store), about 1 us each. run_by_song, which
-- takes its place, holds the columns those pages read, a song's runs side
-- by side. A run's UPDATE (runs.c) sets its counters, so that it rewrites
-- run_by_song's row as it does the leaderboards' (run_top_*); run_song
-- held no counter and was not rewritten. What that costs an ingest is in
-- docs/store.md.
--
-- A page of the news (news-list.sql, /api/news) tells how many events pass
-- its filters (news-list-count.sql). With `since` (learned from a time on)
-- or `kind`, that count read every event's row, each with its sentence
-- and figures: about 1.6 ms for the Korean store's 10,286, a third of such
-- a page. event_learned counts `since` from its own rows. event_kind
-- counts a kind, and lists it in the page's order (period, then id, both
-- newest first), so that a rare kind's page does not read the others'
-- events to fill itself. Events are written once, at the commit that
-- learned them: two index rows more each.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 19, in one
-- transaction. Each CREATE statement is one line, as in the earlier steps.
DROP INDEX IF EXISTS run_song;
CREATE INDEX run_by_song ON run(song_id, debut_period, debut_rank, peak, periods, periods_at_no1, last_period);
CREATE INDEX event_learned ON event(learned);
CREATE INDEX event_kind ON event(kind, period, id);
