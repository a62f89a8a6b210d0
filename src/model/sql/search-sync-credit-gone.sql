-- search-sync-credit-gone.sql: takes away the credits (credit_group,
-- migrate-013.sql) that no song has any more, and the words of each
-- credit gone (credit_word).
WITH want AS (
 SELECT s.artist AS artist, substr(s.match, instr(s.match, '|') + 1) AS credit,
  count(*) AS songs FROM song s GROUP BY 1, 2
)
DELETE FROM credit_group WHERE id NOT IN (SELECT g.id FROM credit_group g
 JOIN want e ON e.artist = g.artist AND e.credit = g.credit);
