-- hook-next-event.sql: the first event above a webhook's cursor that passes
-- its filters, with what its payload says of the song, the artist and the
-- chart (hook.c): the queue is read one event at a time, in id order.
--   :after   the hook's cursor (the last event delivered or given up on)
--   :kind    its kind filter, or NULL
--   :chart   its chart filter, or NULL
--   :artist  its artist filter (an artist id), or NULL: an event about the
--            artist, or about an entity the artist is credited on
SELECT e.id, e.kind, e.chart_id, e.period, e.song_id, s.title, s.artist, s.kind,
       e.artist_id, a.name, e.rank, e.figures, e.sentence, e.learned
FROM event e
LEFT JOIN song s ON s.id = e.song_id
LEFT JOIN artist a ON a.id = e.artist_id
WHERE e.id > :after
  AND (:kind IS NULL OR e.kind = :kind)
  AND (:chart IS NULL OR e.chart_id = :chart)
  AND (:artist IS NULL OR e.artist_id = :artist
       OR e.song_id IN (SELECT sa.song_id FROM song_artist sa WHERE sa.artist_id = :artist))
ORDER BY e.id
LIMIT 1;
