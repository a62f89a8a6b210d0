-- search-sync-titles.sql: the title of every entity not yet among the
-- names searched (search_name; migrate-009.sql): its title part of
-- song.match ('<title>|<credit>').
INSERT INTO search_name (src, ref, via, name, match)
 SELECT 'song', s.id, 'title', s.title,
 substr(s.match, 1, instr(s.match || '|', '|') - 1) FROM song s
 WHERE NOT EXISTS (SELECT 1 FROM search_name n
 WHERE n.src = 'song' AND n.ref = s.id AND n.via = 'title');
