-- search-sync-needed.sql: whether the names searched lag the store (an
-- entity without its title row, or names without their trigrams), so that
-- a search writes only when there is something to add.
SELECT EXISTS (SELECT 1 FROM song s WHERE NOT EXISTS (SELECT 1 FROM search_name n
 WHERE n.src = 'song' AND n.ref = s.id AND n.via = 'title'))
 OR (SELECT coalesce(max(id), 0) FROM search_name) > (SELECT done FROM search_state);
