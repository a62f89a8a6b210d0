-- search-sync-add.sql: adds the names not yet searched (search_name;
-- migrate-009.sql): each entity's title (the title part of song.match,
-- '<title>|<credit>'), each song_alias, each artist's name, each
-- artist_alias; of every song and artist, or of those touched (ts, ta).
-- Run after search-sync-stale.sql, so that a name there is the one
-- written.
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
WITH ts(id) AS (SELECT id FROM song WHERE :whole IS NOT NULL
  UNION ALL
  SELECT ref FROM search_touch WHERE :whole IS NULL AND src = 'song'),
 ta(id) AS (SELECT id FROM artist WHERE :whole IS NOT NULL
  UNION ALL
  SELECT ref FROM search_touch WHERE :whole IS NULL AND src = 'artist')
INSERT INTO search_name (src, ref, via, name, match)
 SELECT 'song', s.id, 'title', s.title,
  substr(s.match, 1, instr(s.match || '|', '|') - 1) FROM ts CROSS JOIN song s
  ON s.id = ts.id WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'song' AND n.ref = s.id AND n.via = 'title')
 UNION ALL
 SELECT 'song', a.song_id, 'alias', a.alias, a.match FROM ts CROSS JOIN song_alias a
  ON a.song_id = ts.id WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'song' AND n.ref = a.song_id AND n.via = 'alias' AND n.name = a.alias)
 UNION ALL
 SELECT 'artist', a.id, 'name', a.name, a.match FROM ta CROSS JOIN artist a
  ON a.id = ta.id WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'artist' AND n.ref = a.id AND n.via = 'name')
 UNION ALL
 SELECT 'artist', a.artist_id, 'alias', a.alias, a.match FROM ta CROSS JOIN artist_alias a
  ON a.artist_id = ta.id WHERE NOT EXISTS (SELECT 1 FROM search_name n
  WHERE n.src = 'artist' AND n.ref = a.artist_id AND n.via = 'alias' AND n.name = a.alias);
