-- search-sync-add.sql: adds the names not yet searched (search_name;
-- migrate-009.sql): each entity's title (the title part of song.match,
-- '<title>|<credit>'), each song_alias, each artist's name, each
-- artist_alias. Run after search-sync-stale.sql, so that a name there is
-- the one written.
INSERT INTO search_name (src, ref, via, name, match)
 SELECT 'song', s.id, 'title', s.title,
  substr(s.match, 1, instr(s.match || '|', '|') - 1) FROM song s
  WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'song' AND n.ref = s.id AND n.via = 'title')
 UNION ALL
 SELECT 'song', a.song_id, 'alias', a.alias, a.match FROM song_alias a
  WHERE NOT EXISTS (SELECT 1 FROM search_name n WHERE n.src = 'song'
  AND n.ref = a.song_id AND n.via = 'alias' AND n.name = a.alias)
 UNION ALL
 SELECT 'artist', a.id, 'name', a.name, a.match FROM artist a
  WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'artist' AND n.ref = a.id AND n.via = 'name')
 UNION ALL
 SELECT 'artist', a.artist_id, 'alias', a.alias, a.match FROM artist_alias a
  WHERE NOT EXISTS (SELECT 1 FROM search_name n WHERE n.src = 'artist'
  AND n.ref = a.artist_id AND n.via = 'alias' AND n.name = a.alias);
