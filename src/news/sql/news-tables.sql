-- news-tables.sql: the news' temporary tables, made when the store opens
-- (kc__news_setup). A script of two statements, run whole.
--   news_event  every event a commit's finders found, as it is ordered: the
--               union of every kind's columns (NULL where a kind has none),
--               without declared types, so that a value keeps the type its
--               finder gave it. src orders the kinds of events that period,
--               chart and rank leave tied (0 the chart events, 1 All-Kills,
--               2 regions, 3 milestones, 4 records, 5 certifications, 6
--               sales records); sid the snapshot of a chart event (the
--               release of a certification or a sales record); status and
--               last its entry's; event, akind, figure and since what the
--               kind says they are; ref what names the subject in the
--               event's key (a milestone's subject, a certification's, a
--               sales record's release, provider and window).
--   news_page   the same events with the names and the sentence, as they
--               are stored (news-store.sql).
CREATE TEMP TABLE news_event (src, sid, chart, period, song_id, rank, status,
 last, event, akind, figure, since, ref);
CREATE TEMP TABLE news_page (src, sid, kind, chart, chart_name, period, song_id,
 title, artist, who, rank, status, last, event, akind, figure, since, ref, text);
