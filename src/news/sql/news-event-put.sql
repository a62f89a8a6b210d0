-- news-event-put.sql: one event, put by a finder written in C (All-Kills,
-- records, sales records); rank 1.
--   :src     the kind's number (news-tables.sql)
--   :period  the period of the event
--   :song    the song's id
--   :status  records: the words of the cohort; sales: the sentence;
--            All-Kills: what the store does not hold whole of the charts
--            the event stands on ("" when it holds them all)
--   :event   what the kind says (All-Kills: first, year or record;
--            records and sales: the title)
--   :akind   All-Kills: the kind; records and sales: the artist
--   :figure  a number (hours of a run, a year, a mark)
--   :since   All-Kills: the start of the run; records: the source
--   :last    records: the open crossings of the cohort, which may have come
--            before (NULL for the other kinds)
--   :sid     sales: the release (NULL for the other kinds)
--   :ref     sales: the release, provider and window (the event's key)
INSERT INTO temp.news_event (src, period, song_id, rank, status, event, akind,
 figure, since, last, sid, ref) VALUES (:src, :period, :song, 1, :status, :event,
 :akind, :figure, :since, :last, :sid, :ref);
