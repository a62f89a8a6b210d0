-- search-sync-stale.sql: takes away the names searched (search_name;
-- migrate-009.sql) whose entity or artist is gone, or whose title, name or
-- alias is no longer written so (their trigrams go with them: the table's
-- delete trigger).
DELETE FROM search_name WHERE
 (src = 'song' AND via = 'title' AND NOT EXISTS (SELECT 1 FROM song s
  WHERE s.id = search_name.ref AND s.title = search_name.name
  AND substr(s.match, 1, instr(s.match || '|', '|') - 1) = search_name.match))
 OR (src = 'song' AND via = 'alias' AND NOT EXISTS (SELECT 1 FROM song_alias a
  WHERE a.song_id = search_name.ref AND a.alias = search_name.name
  AND a.match = search_name.match))
 OR (src = 'artist' AND via = 'name' AND NOT EXISTS (SELECT 1 FROM artist a
  WHERE a.id = search_name.ref AND a.name = search_name.name
  AND a.match = search_name.match))
 OR (src = 'artist' AND via = 'alias' AND NOT EXISTS (SELECT 1 FROM artist_alias a
  WHERE a.artist_id = search_name.ref AND a.alias = search_name.name
  AND a.match = search_name.match));
