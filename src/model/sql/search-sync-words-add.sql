-- search-sync-words-add.sql: adds the words of the songs that have none in
-- song_word (migrate-013.sql). Run after search-sync-words-stale.sql, so
-- that a document there is the one written.
WITH want AS (
 SELECT s.id AS id, trim(coalesce((SELECT group_concat(w, ' ') FROM
  (SELECT replace(substr(k.key, 3), '|', ' ') AS w FROM song_key k
  WHERE k.song_id = s.id AND k.key LIKE 't:%' ORDER BY k.key)), '')
  || ' ' || substr(s.match, instr(s.match, '|') + 1)) AS words FROM song s
)
INSERT INTO song_word (rowid, words) SELECT e.id, e.words FROM want e
 WHERE NOT EXISTS (SELECT 1 FROM song_word w WHERE w.rowid = e.id);
