-- search-sync-words-add.sql: adds the words of the songs that have none in
-- song_word (migrate-013.sql), of every song or of the songs touched
-- (ts). Run after search-sync-words-stale.sql, so that a document there
-- is the one written.
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
WITH ts(id) AS (SELECT id FROM song WHERE :whole IS NOT NULL
  UNION ALL
  SELECT ref FROM search_touch WHERE :whole IS NULL AND src = 'song'),
 want AS (
 SELECT s.id AS id, trim(coalesce((SELECT group_concat(w, ' ') FROM
  (SELECT replace(substr(k.key, 3), '|', ' ') AS w FROM song_key k
  WHERE k.song_id = s.id AND k.key LIKE 't:%' ORDER BY k.key)), '')
  || ' ' || substr(s.match, instr(s.match, '|') + 1)) AS words FROM ts CROSS JOIN song s ON s.id = ts.id
)
INSERT INTO song_word (rowid, words) SELECT e.id, e.words FROM want e
 WHERE NOT EXISTS (SELECT 1 FROM song_word w WHERE w.rowid = e.id);
