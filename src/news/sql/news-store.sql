-- news-store.sql: the events of temp.news_page, worded, stored once each
-- (news.c, kc__news_learn): an event whose key the store holds already is
-- left as it was learned (and not even offered: an ignored insert would
-- still use up an id of event's AUTOINCREMENT), so that the same file twice adds nothing and a
-- backfill adds only what it reveals. Inserted in the order that reading
-- them back by period, newest first, then id, newest first (news.c, news_sql)
-- gives the order of the kinds within a period: chart, rank, kind...
--   :learned  when the commit runs (UTC, ISO 8601)
-- The key names the event by what it is about, never by its wording: a
-- chart event by kind, chart, period and song; an All-Kill by its kind,
-- what it is (first, year, record), hour and song; a region count by the
-- family, song and count; a milestone by source, mark and subject; a record
-- by source, mark, cohort and song; a certification by subject (or
-- release) and award; a sales record by release, provider and window. Its
-- file is the digest of the file whose rows it stands on, as
-- temp.news_touched has it: a chart event's snapshot's when this commit
-- stored it, else the earliest snapshot this commit stored of that chart
-- (the backfill that revealed it); a series' or sales' event the latest
-- such file of the commit (else the catalog's). The snapshots' files are
-- read once (stored: the latest a chart and period), not once an event.
INSERT OR IGNORE INTO event (kind, chart_id, period, song_id, artist_id, rank,
 figures, sentence, key, learned, file)
 WITH keyed AS (SELECT n.*,
  CASE n.src
   WHEN 0 THEN n.kind || '/' || n.chart || '/' || n.period || '/' || n.song_id
   WHEN 1 THEN 'allkill/' || n.akind || '/' || n.event || '/' || n.period || '/'
    || n.song_id
   WHEN 2 THEN 'regions/' || n.event || '/' || n.song_id || '/' || n.figure
   WHEN 3 THEN 'milestone/' || n.since || '/' || n.figure || '/' || n.ref
   WHEN 4 THEN 'record/' || n.since || '/' || n.figure || '/' || n.status || '/'
    || n.song_id
   WHEN 5 THEN 'certification/' || n.ref || '/' || n.since
   ELSE 'sales/' || n.ref
  END AS key
  FROM temp.news_page n),
 stored AS MATERIALIZED (SELECT chart_id, period, file, max(rowid)
  FROM temp.news_touched WHERE what = 'chart' GROUP BY chart_id, period)
 SELECT p.kind, p.chart, p.period, p.song_id,
  CASE WHEN p.src IN (5, 6) THEN (SELECT artist_id FROM release WHERE id = p.sid) END,
  p.rank,
  CASE p.src
   WHEN 0 THEN CASE WHEN p.kind = 'peak' THEN json_object('title', p.title,
     'artist', p.artist, 'rank', p.rank, 'last', p.last, 'status', p.status,
     'periods', p.figure, 'peak_before', p.akind)
    WHEN p.status = 're-entry' THEN json_object('title', p.title, 'artist', p.artist,
     'rank', p.rank, 'last', p.last, 'status', p.status, 'periods', p.figure,
     'peak', p.since, 'new_peak', json(CASE WHEN p.event IS 'peak' THEN 'true'
     ELSE 'false' END))
    ELSE json_object('title', p.title, 'artist', p.artist, 'rank', p.rank,
     'last', p.last, 'status', p.status) END
   WHEN 1 THEN json_object('title', p.title, 'artist', p.artist, 'allkill', p.akind,
    'what', p.event, 'figure', p.figure, 'since', p.since, 'held', p.status)
   WHEN 2 THEN json_object('title', p.title, 'artist', p.artist, 'regions', p.figure,
    'region', p.akind, 'family', p.event)
   WHEN 3 THEN json_object('title', p.title, 'artist', p.artist, 'mark', p.figure,
    'source', p.since)
   WHEN 4 THEN json_object('title', p.title, 'artist', p.artist, 'mark', p.figure,
    'source', p.since, 'cohort', p.status, 'open_before', p.last)
   WHEN 5 THEN json_object('title', p.title, 'artist', p.artist, 'threshold', p.figure,
    'award', p.since)
   ELSE json_object('title', p.title, 'artist', p.artist, 'units', p.figure)
  END,
  p.text,
  p.key,
  :learned,
  CASE WHEN p.src IN (0, 1, 2) THEN coalesce(sd.file,
    (SELECT t.file FROM temp.news_touched t WHERE t.what = 'chart'
     AND (t.chart_id = p.chart OR p.chart IS NULL) ORDER BY t.period, t.rowid LIMIT 1))
   WHEN p.src IN (3, 4) THEN (SELECT t.file FROM temp.news_touched t
    WHERE t.what IN ('series', 'catalog') ORDER BY t.what = 'series' DESC, t.rowid DESC
    LIMIT 1)
   ELSE (SELECT t.file FROM temp.news_touched t WHERE t.what IN ('sales', 'catalog')
    ORDER BY t.what = 'sales' DESC, t.rowid DESC LIMIT 1)
  END
 FROM keyed p
 LEFT JOIN stored sd ON sd.chart_id = p.chart AND sd.period = p.period
 WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.key = p.key)
 ORDER BY p.period, p.chart DESC, p.rank DESC, p.src DESC, p.song_id DESC,
  p.event DESC, p.akind DESC, p.status DESC, p.figure DESC, p.since DESC;
