-- search-sync-credit-count.sql: the credits to count (p: every one, or
-- those search_credit holds and those of the songs queued), each with its
-- songs counted (c), into temp.credit_want, a credit that no song has any
-- more with 0; read by search-sync-credit-gone.sql, -set.sql and
-- -words-add.sql. Every song is read once, tested first by its credit as
-- written, which is cheap: song has no index by credit (one cost an
-- ingest of the whole Hot 100 about 10 % more CPU).
--   :whole  not NULL: every row (search_touch holds ('whole', 0));
--           NULL: only what search_touch and search_credit hold
--           (migrate-021.sql)
WITH p AS (SELECT artist, credit FROM search_credit WHERE :whole IS NULL
  UNION
  SELECT s.artist, substr(s.match, instr(s.match, '|') + 1) FROM search_touch t
  CROSS JOIN song s ON s.id = t.ref WHERE :whole IS NULL AND t.src = 'song'),
 c AS MATERIALIZED (SELECT s.artist AS artist,
  substr(s.match, instr(s.match, '|') + 1) AS credit, count(*) AS songs FROM song s
  WHERE :whole IS NOT NULL OR (s.artist IN (SELECT artist FROM p)
   AND (s.artist, substr(s.match, instr(s.match, '|') + 1)) IN (SELECT artist, credit FROM p))
  GROUP BY 1, 2)
INSERT INTO temp.credit_want (artist, credit, songs)
 SELECT artist, credit, songs FROM c
 UNION ALL
 SELECT p.artist, p.credit, 0 FROM p WHERE NOT EXISTS (SELECT 1 FROM c
  WHERE c.artist = p.artist AND c.credit = p.credit);
