-- search-sync-credit-set.sql: each credit's songs counted (credit_group,
-- migrate-013.sql), written where a count is new or changed.
WITH want AS (
 SELECT s.artist AS artist, substr(s.match, instr(s.match, '|') + 1) AS credit,
  count(*) AS songs FROM song s GROUP BY 1, 2
)
INSERT INTO credit_group (artist, credit, songs)
 SELECT artist, credit, songs FROM want WHERE true
 ON CONFLICT (artist, credit) DO UPDATE SET songs = excluded.songs
 WHERE songs <> excluded.songs;
