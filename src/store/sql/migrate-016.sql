-- migrate-016.sql: schema step 16, from user_version 15 to 16: pages
-- read in their order, not sorted whole.
--
-- A chart's leaderboards (kc_query_leaderboard, `kchart top`,
-- /api/charts/{id}/top) read in the order asked for, a page at a time,
-- instead of sorting every run of the chart on each request (the Hot 100's
-- 32,626 runs: about 7 ms a page). One index an order; each holds the
-- order's columns exactly as query.c's ORDER BY names them, so that the
-- page is a walk of the index from the chart's first row. The No. 1s' index
-- holds only the runs that were ever No. 1. What they cost the ingest is in
-- docs/store.md.
--
-- An artist's news (news.c, `kchart news --artist`, /api/news?artist=)
-- read through the artist's events and its songs' (event_song), not by
-- testing every event of the store: event_artist.
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 16, in one
-- transaction. Each CREATE statement is one line, as in the earlier steps.
CREATE INDEX run_top_periods ON run(chart_id, periods DESC, peak, debut_period, song_id);
CREATE INDEX run_top_peak ON run(chart_id, peak, periods_at_peak DESC, periods DESC, debut_period, song_id);
CREATE INDEX run_top_streak ON run(chart_id, longest_streak DESC, peak, debut_period, song_id);
CREATE INDEX run_top_no1 ON run(chart_id, periods_at_no1 DESC, periods DESC, debut_period, song_id) WHERE periods_at_no1 > 0;
CREATE INDEX event_artist ON event(artist_id);
