-- query-names.sql: entities and artists found by any of their names
-- (kchart search, /api/search's hits): a name whose matching form is the
-- query's or starts with it (search_name_match; names of one or two
-- syllables, 뷔, 제니, are found so), or holds it (search_fts's trigrams,
-- three characters or more; names written since the last index, and
-- every name when the index could not be brought up to date, read whole).
-- One row an entity or artist, by its best name:
-- whole before prefix before within, its own title or name before an
-- alias; artists first, then entities by how many charts they ran on.
--   :match   the query in matching form (kc__match_title)
--   :phrase  the same as an FTS5 phrase ('"..."')
--   :limit   how many rows (1 or more)
--   :complete  1 when the names are up to date (kc__search_sync); 0: the
--            store could not be written, and the names are read from their
--            tables too (song, song_alias, artist, artist_alias)
--   :stage   which names are read: 0, the names that are the query, and
--            artists' names that start with it; 1, every name that is the
--            query or starts with it (an index range, not the trigrams'
--            thousands for a common word); 2, names that hold it anywhere
--            as well. The rows sort by how a name matched, then artists
--            before songs, so a stage's rows are the first rows of the next
--            when there are :limit of them.
WITH hit AS (
 SELECT n.src, n.ref, n.via, n.name, n.match FROM search_name n
  WHERE n.match >= :match AND n.match < :match || char(1114111)
 UNION
 SELECT n.src, n.ref, n.via, n.name, n.match FROM search_fts f
  JOIN search_name n ON n.id = f.rowid WHERE :stage = 2 AND search_fts MATCH :phrase
 UNION
 SELECT n.src, n.ref, n.via, n.name, n.match FROM search_name n
  WHERE n.id > (SELECT done FROM search_state) AND instr(n.match, :match) > 0
 UNION
 SELECT 'song', s.id, 'title', s.title,
  substr(s.match, 1, instr(s.match || '|', '|') - 1) FROM song s
  WHERE :complete = 0
  AND instr(substr(s.match, 1, instr(s.match || '|', '|') - 1), :match) > 0
 UNION
 SELECT 'song', a.song_id, 'alias', a.alias, a.match FROM song_alias a
  WHERE :complete = 0 AND instr(a.match, :match) > 0
 UNION
 SELECT 'artist', a.id, 'name', a.name, a.match FROM artist a
  WHERE :complete = 0 AND instr(a.match, :match) > 0
 UNION
 SELECT 'artist', a.artist_id, 'alias', a.alias, a.match FROM artist_alias a
  WHERE :complete = 0 AND instr(a.match, :match) > 0
), graded AS (
 SELECT src, ref, via, name, CASE WHEN match = :match THEN 0
  WHEN substr(match, 1, length(:match)) = :match THEN 1 ELSE 2 END AS how,
  length(match) AS len FROM hit
), ranked AS (
 SELECT src, ref, via, name, how, row_number() OVER (PARTITION BY src, ref
  ORDER BY how, via = 'alias', len) AS nth FROM graded
  WHERE :stage = 2 OR how = 0 OR (how = 1 AND (:stage = 1 OR src = 'artist'))
), cand AS MATERIALIZED (
 SELECT r.src AS src, r.ref AS ref, r.via AS via, r.name AS name, r.how AS how,
  s.id AS song, s.kind AS kind, s.title AS title, s.artist AS artist,
  a.name AS aname, CASE WHEN s.id IS NULL THEN NULL
  ELSE (SELECT count(*) FROM run u WHERE u.song_id = s.id) END AS charts
 FROM ranked r LEFT JOIN song s ON r.src = 'song' AND s.id = r.ref
 LEFT JOIN artist a ON r.src = 'artist' AND a.id = r.ref
 WHERE r.nth = 1 AND coalesce(s.id, a.id) IS NOT NULL
-- The order's key before the best peak, of the last row listed (cut): the
-- peak, one read of every run of a song, is looked up only for the rows at
-- or before it, not for the thousands of a common word's names.
), cut AS (
 SELECT how, src = 'song' AS sg, -coalesce(charts, 0) AS c FROM cand
 ORDER BY how, src = 'song', charts DESC LIMIT 1 OFFSET :limit - 1
)
SELECT CASE r.src WHEN 'artist' THEN 'artist' ELSE r.kind END AS kind,
 r.ref AS id, coalesce(r.title, r.aname) AS name,
 CASE r.via WHEN 'alias' THEN r.name ELSE '' END AS alias,
 coalesce(r.artist, '') AS credit,
 (SELECT min(u.peak) FROM run u WHERE u.song_id = r.song) AS peak,
 r.charts AS charts
 FROM cand r
 WHERE NOT EXISTS (SELECT 1 FROM cut)
  OR (r.how, r.src = 'song', -coalesce(r.charts, 0)) <= (SELECT how, sg, c FROM cut)
 ORDER BY r.how, r.src = 'song', charts DESC, peak, r.ref
 LIMIT :limit;
