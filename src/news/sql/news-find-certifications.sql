-- news-find-certifications.sql: the certifications (src 5): each award
-- reached, from temp.cert_reached (filled by derive's certs.c): the
-- release's or song's title and artist in event and akind, the threshold
-- in figure, the award in since, the release in sid (its artist's), the
-- subject or release in ref (the event's key).
INSERT INTO temp.news_event (src, period, song_id, rank, event, akind, figure, since,
 sid, ref)
 SELECT 5, date(cr.day * 86400, 'unixepoch'),
  (SELECT song_id FROM subject WHERE id = cr.subject_id), 1, cr.title, cr.artist,
  cr.threshold, printf('%s %s (%,d %s)', cr.certifier, cr.award, cr.threshold,
  cr.metric), cr.release_id,
  CASE WHEN cr.subject_id IS NOT NULL THEN 'subject ' || cr.subject_id
   ELSE 'release ' || cr.release_id END
 FROM temp.cert_reached cr;
