-- query-names-walk.sql: a later stage of query-names.sql (1: names that
-- start with the query; 2: that hold it anywhere) for a common word, with
-- the same rows: the songs found only that way are read in the order of
-- the page (song_rank_charts: most charts, best peak, id; migrate-017.sql),
-- each probed in the set of songs found, until :limit of them are (walk),
-- instead of every one of them counted and sorted. Everything else (the
-- entities found by a name that matched better, which are fewer than
-- :limit since the stage before found fewer, and artists, which come
-- before songs) is read whole (few). The walk stops at the page's end or
-- at the index's, so it lists every song the stage found when they are
-- fewer. kc_query_names (search.c) runs it only when the names are up to
-- date (:complete 1: song_rank is then) and the stage finds many names.
--   :match, :phrase, :limit, :complete, :stage  as query-names.sql's
--            (:stage 1 or 2, :complete 1)
-- begin shared: names-hit
-- Every name found (hit): its entity (src, ref), how it is the entity's
-- (via), its row of search_name (nid; NULL when read from its table, its
-- text in name then), how it matched (how: 0 whole, 1 a prefix, 2 within)
-- and its length in characters (len). The first stage reads, of the names
-- that start with the query, the artists' only (search_name_artist).
WITH hit AS MATERIALIZED (
 SELECT n.src AS src, n.ref AS ref, n.via AS via, n.id AS nid, NULL AS name,
  CASE WHEN n.match = :match THEN 0
  WHEN substr(n.match, 1, length(:match)) = :match THEN 1 ELSE 2 END AS how,
  length(n.match) AS len FROM search_name n
  WHERE :stage > 0 AND n.match >= :match AND n.match < :match || char(1114111)
 UNION ALL
 SELECT n.src, n.ref, n.via, n.id, NULL, 0, length(n.match) FROM search_name n
  WHERE :stage = 0 AND n.match = :match
 UNION ALL
 SELECT n.src, n.ref, n.via, n.id, NULL, 1, length(n.match) FROM search_name n
  WHERE :stage = 0 AND n.src = 'artist' AND n.match > :match
  AND n.match < :match || char(1114111)
 UNION ALL
 SELECT n.src, n.ref, n.via, n.id, NULL, CASE WHEN n.match = :match THEN 0
  WHEN substr(n.match, 1, length(:match)) = :match THEN 1 ELSE 2 END AS how,
  length(n.match) AS len FROM search_fts f
  JOIN search_name n ON n.id = f.rowid WHERE :stage = 2 AND search_fts MATCH :phrase
 UNION ALL
 SELECT n.src, n.ref, n.via, n.id, NULL, CASE WHEN n.match = :match THEN 0
  WHEN substr(n.match, 1, length(:match)) = :match THEN 1 ELSE 2 END AS how,
  length(n.match) AS len FROM search_name n
  WHERE n.id > (SELECT done FROM search_state) AND instr(n.match, :match) > 0
 UNION ALL
 SELECT 'song', s.id, 'title', NULL, s.title,
  CASE WHEN substr(s.match, 1, instr(s.match || '|', '|') - 1) = :match THEN 0
  WHEN substr(substr(s.match, 1, instr(s.match || '|', '|') - 1), 1, length(:match)) = :match THEN 1 ELSE 2 END AS how,
  length(substr(s.match, 1, instr(s.match || '|', '|') - 1)) AS len FROM song s
  WHERE :complete = 0
  AND instr(substr(s.match, 1, instr(s.match || '|', '|') - 1), :match) > 0
 UNION ALL
 SELECT 'song', a.song_id, 'alias', NULL, a.alias, CASE WHEN a.match = :match THEN 0
  WHEN substr(a.match, 1, length(:match)) = :match THEN 1 ELSE 2 END AS how,
  length(a.match) AS len FROM song_alias a
  WHERE :complete = 0 AND instr(a.match, :match) > 0
 UNION ALL
 SELECT 'artist', a.id, 'name', NULL, a.name, CASE WHEN a.match = :match THEN 0
  WHEN substr(a.match, 1, length(:match)) = :match THEN 1 ELSE 2 END AS how,
  length(a.match) AS len FROM artist a
  WHERE :complete = 0 AND instr(a.match, :match) > 0
 UNION ALL
 SELECT 'artist', a.artist_id, 'alias', NULL, a.alias, CASE WHEN a.match = :match THEN 0
  WHEN substr(a.match, 1, length(:match)) = :match THEN 1 ELSE 2 END AS how,
  length(a.match) AS len FROM artist_alias a
  WHERE :complete = 0 AND instr(a.match, :match) > 0
),
-- end shared: names-hit
-- The names the stage reads (h: how they matched no further than the
-- stage, 1 a prefix or 2 within), the entities found some better way or
-- not songs (few), the walk, and the names of both (kept).
 h AS (SELECT * FROM hit WHERE how <= :stage),
 few AS MATERIALIZED (SELECT src, ref FROM h WHERE how < :stage OR src = 'artist'
  GROUP BY src, ref),
 walk AS (SELECT song_id AS ref FROM song_rank INDEXED BY song_rank_charts
  WHERE song_id IN (SELECT ref FROM h WHERE src = 'song')
  AND song_id NOT IN (SELECT ref FROM few WHERE src = 'song')
  ORDER BY charts DESC, peak, song_id LIMIT :limit),
 kept AS (SELECT * FROM h WHERE (src = 'song' AND ref IN (SELECT ref FROM walk))
  OR (src, ref) IN (SELECT src, ref FROM few)),
-- begin shared: names-page
-- Each entity's best name (whole before prefix before within, its own
-- title or name before an alias, the shortest, then the first indexed;
-- the row of the least key, SQLite's bare columns of min()), and each
-- song's count of charts (cand).
-- The order's key before the best peak, of the last row listed (cut): the
-- peak, one read of every run of a song, is looked up only for the rows at
-- or before it. The names' text is read for the page's rows only.
 best AS (
 SELECT src, ref, via, nid, name, how,
  min(((how * 2 + (via = 'alias')) * 1000000 + min(len, 999999)) * 10000000000
   + coalesce(nid, 0)) AS k
 FROM kept GROUP BY src, ref
), cand AS MATERIALIZED (
 SELECT b.src AS src, b.ref AS ref, b.via AS via, b.nid AS nid, b.name AS name,
  b.how AS how,
  CASE WHEN b.src = 'song' THEN (SELECT count(*) FROM run u WHERE u.song_id = b.ref)
  END AS charts
 FROM best b WHERE CASE b.src WHEN 'song' THEN EXISTS (SELECT 1 FROM song s WHERE s.id = b.ref)
  ELSE EXISTS (SELECT 1 FROM artist a WHERE a.id = b.ref) END
), cut AS (
 SELECT how, src = 'song' AS sg, -coalesce(charts, 0) AS c FROM cand
 ORDER BY how, src = 'song', charts DESC LIMIT 1 OFFSET :limit - 1
), page AS (
 SELECT r.src AS src, r.ref AS ref, r.via AS via, r.nid AS nid, r.name AS name,
  r.how AS how, r.charts AS charts,
  CASE WHEN r.src = 'song' THEN (SELECT min(u.peak) FROM run u WHERE u.song_id = r.ref)
  END AS peak
 FROM cand r
 WHERE NOT EXISTS (SELECT 1 FROM cut)
  OR (r.how, r.src = 'song', -coalesce(r.charts, 0)) <= (SELECT how, sg, c FROM cut)
 ORDER BY r.how, r.src = 'song', r.charts DESC, peak, r.ref
 LIMIT :limit
)
SELECT CASE p.src WHEN 'artist' THEN 'artist' ELSE s.kind END AS kind,
 p.ref AS id, coalesce(s.title, a.name) AS name,
 CASE p.via WHEN 'alias' THEN coalesce(p.name, n.name) ELSE '' END AS alias,
 coalesce(s.artist, '') AS credit, p.peak AS peak, p.charts AS charts
 FROM page p LEFT JOIN song s ON p.src = 'song' AND s.id = p.ref
 LEFT JOIN artist a ON p.src = 'artist' AND a.id = p.ref
 LEFT JOIN search_name n ON n.id = p.nid
 ORDER BY p.how, p.src = 'song', p.charts DESC, p.peak, p.ref;
-- end shared: names-page
