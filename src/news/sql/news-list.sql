-- news-list.sql: a page of the stored events, newest period first (then
-- the latest learned first: within one commit, the order of the kinds),
-- each filter NULL when not asked. The JSON's title and artist are the
-- names the event was said with (in figures).
--   :kind    one kind (debut, no1, ...)
--   :chart   one chart's id
--   :artist  an artist's id: the events of its songs (song_artist, the
--            credits) and its own
--   :since   learned at or after this time (an ISO 8601 prefix: a day, a
--            time)
--   :from    of a period that starts on this day (YYYY-MM-DD) or later
--   :limit, :offset  the page
SELECT kind, chart_id AS chart, period, song_id,
 json_extract(figures, '$.title') AS title, json_extract(figures, '$.artist') AS artist,
 rank, sentence AS text, id, figures, learned
 FROM event
 WHERE (:kind IS NULL OR kind = :kind)
  AND (:chart IS NULL OR chart_id = :chart)
  AND (:artist IS NULL OR artist_id = :artist
   OR song_id IN (SELECT song_id FROM song_artist WHERE artist_id = :artist))
  AND (:since IS NULL OR learned >= :since)
  AND (:from IS NULL OR substr(period || '-01-01', 1, 10) >= :from)
 ORDER BY period DESC, id DESC LIMIT :limit OFFSET :offset;
