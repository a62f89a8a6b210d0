-- search-sync-stale.sql: takes away the names searched (search_name;
-- migrate-009.sql) whose entity or artist is gone, or whose title, name or
-- alias is no longer written so (their trigrams go with them: the table's
-- delete trigger): of every name, or of the songs and artists touched.
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
-- The names to weigh (n) are every name or the touched entities' (by
-- search_name_ref); the outer DELETE then takes them by id alone, so that
-- SQLite does not scan the names of a source to test them.
DELETE FROM search_name WHERE id IN (SELECT n.id FROM (SELECT id, src, ref, via, name, match
  FROM search_name WHERE :whole IS NOT NULL
  UNION ALL
  SELECT n.id, n.src, n.ref, n.via, n.name, n.match FROM search_touch t
  CROSS JOIN search_name n ON n.src = t.src AND n.ref = t.ref
  WHERE :whole IS NULL AND t.src <> 'whole') n
 WHERE (n.src = 'song' AND n.via = 'title' AND NOT EXISTS (SELECT 1 FROM song s
  WHERE s.id = n.ref AND s.title = n.name
  AND substr(s.match, 1, instr(s.match || '|', '|') - 1) = n.match))
 OR (n.src = 'song' AND n.via = 'alias' AND NOT EXISTS (SELECT 1 FROM song_alias a
  WHERE a.song_id = n.ref AND a.alias = n.name AND a.match = n.match))
 OR (n.src = 'artist' AND n.via = 'name' AND NOT EXISTS (SELECT 1 FROM artist a
  WHERE a.id = n.ref AND a.name = n.name AND a.match = n.match))
 OR (n.src = 'artist' AND n.via = 'alias' AND NOT EXISTS (SELECT 1 FROM artist_alias a
  WHERE a.artist_id = n.ref AND a.alias = n.name AND a.match = n.match)));
