-- news-find-records.sql: the records in a cohort (src 4): a song that is
-- the first of a market to cross a mark (a song is of each of its leads'
-- markets, as for `kchart records --market`: "the first K-pop song"), else
-- the first of its market and role on its first release ("the first K-pop
-- b-side"), else the first by a soloist of its market (every lead a
-- soloist), else the first of all three: the broadest cohort it leads, in
-- that order, as `cohort` 1 to 4. Ties share the record; an open crossing
-- (no total before it) is ranked but not news; one ranked after the first
-- may have come before it (only its bound is known), and how many such the
-- cohort has is said with the record (docs/entities.md, "What the store
-- covers"). One row an event: period, song_id, title, credit, mark,
-- source, market, role, cohort, open crossings of the cohort; news.c words
-- the cohort.
WITH rs AS (SELECT m.source AS source, m.mark AS mark, m.day AS day,
  m.prev_day AS prev_day, sb.song_id AS song_id, sb.title AS title,
  sb.credit AS credit, lm.market AS market,
  (SELECT rl.role FROM catalog_song c JOIN release_song rl
   ON rl.catalog_song_id = c.id JOIN release r ON r.id = rl.release_id
   WHERE c.song_id = sb.song_id ORDER BY r.released_utc, r.id LIMIT 1) AS role,
  (SELECT min(a.kind = 'solo') FROM catalog_song c JOIN song_credit sc
   ON sc.catalog_song_id = c.id AND sc.credit = 'lead' JOIN artist a
   ON a.id = sc.artist_id WHERE c.song_id = sb.song_id) AS solo
  FROM milestone m JOIN subject sb ON sb.id = m.subject_id
  JOIN (SELECT DISTINCT c.song_id AS song_id, lower(a.market) AS market
   FROM catalog_song c JOIN song_credit sc ON sc.catalog_song_id = c.id
   AND sc.credit = 'lead' JOIN artist a ON a.id = sc.artist_id
   WHERE a.market IS NOT NULL) lm ON lm.song_id = sb.song_id
  WHERE sb.kind = 'song'),
 rk AS (SELECT rs.*,
  rank() OVER (PARTITION BY source, mark, market ORDER BY day) AS r1,
  rank() OVER (PARTITION BY source, mark, market, role ORDER BY day) AS r2,
  rank() OVER (PARTITION BY source, mark, market, solo ORDER BY day) AS r3,
  rank() OVER (PARTITION BY source, mark, market, role, solo ORDER BY day) AS r4,
  sum(prev_day IS NULL) OVER (PARTITION BY source, mark, market) AS o1,
  sum(prev_day IS NULL) OVER (PARTITION BY source, mark, market, role) AS o2,
  sum(prev_day IS NULL) OVER (PARTITION BY source, mark, market, solo) AS o3,
  sum(prev_day IS NULL) OVER (PARTITION BY source, mark, market, role, solo) AS o4
  FROM rs),
 rec AS (SELECT rk.*, CASE WHEN prev_day IS NULL THEN NULL
  WHEN r1 = 1 THEN 1 WHEN role IS NOT NULL AND r2 = 1 THEN 2
  WHEN solo = 1 AND r3 = 1 THEN 3
  WHEN role IS NOT NULL AND solo = 1 AND r4 = 1 THEN 4 END AS cohort FROM rk)
 SELECT date(day * 86400, 'unixepoch'), song_id, title, credit, mark, source,
  market, role, cohort,
  CASE cohort WHEN 1 THEN o1 WHEN 2 THEN o2 WHEN 3 THEN o3 ELSE o4 END
  FROM rec WHERE cohort IS NOT NULL;
