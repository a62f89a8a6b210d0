-- search-sync-needed.sql: whether the names searched lag the store: a name
-- search-sync-stale.sql would take away, one search-sync-add.sql would
-- add, or names without their trigrams; or songs' words (song_word,
-- migrate-013.sql) that search-sync-words-stale.sql would take away or
-- search-sync-words-add.sql add; or songs' places (song_rank) that
-- search-sync-rank-set.sql or search-sync-rank-gone.sql would write; or
-- credits (credit_group, credit_word) that search-sync-credit-*.sql would
-- write; so
-- that a search writes only when there is something to do.
SELECT EXISTS (SELECT 1 FROM search_name n WHERE
  (n.src = 'song' AND n.via = 'title' AND NOT EXISTS (SELECT 1 FROM song s
   WHERE s.id = n.ref AND s.title = n.name
   AND substr(s.match, 1, instr(s.match || '|', '|') - 1) = n.match))
  OR (n.src = 'song' AND n.via = 'alias' AND NOT EXISTS (SELECT 1 FROM song_alias a
   WHERE a.song_id = n.ref AND a.alias = n.name AND a.match = n.match))
  OR (n.src = 'artist' AND n.via = 'name' AND NOT EXISTS (SELECT 1 FROM artist a
   WHERE a.id = n.ref AND a.name = n.name AND a.match = n.match))
  OR (n.src = 'artist' AND n.via = 'alias' AND NOT EXISTS (SELECT 1 FROM artist_alias a
   WHERE a.artist_id = n.ref AND a.alias = n.name AND a.match = n.match)))
 OR EXISTS (SELECT 1 FROM song s WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'song' AND n.ref = s.id AND n.via = 'title'))
 OR EXISTS (SELECT 1 FROM song_alias a WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'song' AND n.ref = a.song_id AND n.via = 'alias' AND n.name = a.alias))
 OR EXISTS (SELECT 1 FROM artist a WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'artist' AND n.ref = a.id AND n.via = 'name'))
 OR EXISTS (SELECT 1 FROM artist_alias a WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'artist' AND n.ref = a.artist_id AND n.via = 'alias' AND n.name = a.alias))
 OR (SELECT coalesce(max(id), 0) FROM search_name) > (SELECT done FROM search_state)
 OR EXISTS (SELECT 1 FROM (SELECT s.id AS id, trim(coalesce((SELECT group_concat(w, ' ') FROM
  (SELECT replace(substr(k.key, 3), '|', ' ') AS w FROM song_key k
  WHERE k.song_id = s.id AND k.key LIKE 't:%' ORDER BY k.key)), '')
  || ' ' || substr(s.match, instr(s.match, '|') + 1)) AS words FROM song s) e
  WHERE NOT EXISTS (SELECT 1 FROM song_word w WHERE w.rowid = e.id AND w.words = e.words))
 OR (SELECT count(*) FROM song_word) <> (SELECT count(*) FROM song)
 OR EXISTS (SELECT 1 FROM (SELECT s.id AS id, coalesce(min(r.peak), 1000000000) AS peak,
  coalesce(sum(r.periods), 0) AS periods, count(r.chart_id) AS charts
  FROM song s LEFT JOIN run r ON r.song_id = s.id GROUP BY s.id) e
  WHERE NOT EXISTS (SELECT 1 FROM song_rank g
  WHERE g.song_id = e.id AND g.peak = e.peak AND g.periods = e.periods
  AND g.charts = e.charts))
 OR (SELECT count(*) FROM song_rank) <> (SELECT count(*) FROM song)
 OR EXISTS (SELECT 1 FROM (SELECT s.artist AS artist, substr(s.match, instr(s.match, '|') + 1) AS credit,
  count(*) AS songs FROM song s GROUP BY 1, 2) e
  WHERE NOT EXISTS (SELECT 1 FROM credit_group g
  WHERE g.artist = e.artist AND g.credit = e.credit AND g.songs = e.songs))
 OR (SELECT count(*) FROM credit_group)
  <> (SELECT count(*) FROM (SELECT 1 FROM song s
  GROUP BY s.artist, substr(s.match, instr(s.match, '|') + 1)))
 OR (SELECT count(*) FROM credit_word) <> (SELECT count(*) FROM credit_group);
