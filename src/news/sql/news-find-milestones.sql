-- news-find-milestones.sql: the milestones (src 3): each mark a song's or
-- an artist's total crossed, after a total below it (not an open crossing,
-- whose history the store lacks): the subject's title and credit in event
-- and akind, the mark in figure, the source in since, the subject's ref in
-- ref (the event's key).
INSERT INTO temp.news_event (src, period, song_id, rank, event, akind, figure, since,
 ref)
 SELECT 3, date(m.day * 86400, 'unixepoch'), sb.song_id, 1, sb.title, sb.credit,
  m.mark, m.source, sb.ref
 FROM milestone m JOIN subject sb ON sb.id = m.subject_id
 WHERE m.prev_day IS NOT NULL;
