-- search-sync-needed.sql: whether the names searched lag the store: a name
-- search-sync-stale.sql would take away, one search-sync-add.sql would
-- add, or names without their trigrams; so that a search writes only when
-- there is something to do.
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
 OR (SELECT coalesce(max(id), 0) FROM search_name) > (SELECT done FROM search_state);
