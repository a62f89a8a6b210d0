-- search-sync-words-stale.sql: takes away the songs' words (song_word;
-- migrate-013.sql) of a song gone, or whose keys or credit changed; their
-- document as it should be is the one migrate-013.sql fills it with: of
-- every song's, or of the songs touched (ts).
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
WITH ts(id) AS (SELECT rowid FROM song_word WHERE :whole IS NOT NULL
  UNION ALL
  SELECT ref FROM search_touch WHERE :whole IS NULL AND src = 'song'),
 want AS (
 SELECT s.id AS id, trim(coalesce((SELECT group_concat(w, ' ') FROM
  (SELECT replace(substr(k.key, 3), '|', ' ') AS w FROM song_key k
  WHERE k.song_id = s.id AND k.key LIKE 't:%' ORDER BY k.key)), '')
  || ' ' || substr(s.match, instr(s.match, '|') + 1)) AS words FROM song s
)
DELETE FROM song_word WHERE rowid IN (SELECT w.rowid FROM ts CROSS JOIN song_word w
 ON w.rowid = ts.id
 WHERE NOT EXISTS (SELECT 1 FROM want e WHERE e.id = w.rowid AND e.words = w.words));
