-- milestones-query.sql: the crossings asked about (kchart milestones), each
-- with its date, the interval it is known within (from, flag: open or
-- sparse), days since the song's release or the artist's account opened,
-- its rank by days among all who crossed the mark, and the Nth song of
-- each credited artist (counts). Every filter may be NULL (any):
--   :source  a series source ('spotify-streams')
--   :mark    a mark, as text ('1000000000')
--   :artist  an artist's id, as text: their songs and their own series
--   :words   the matching form of words of a song (title and credit)
--   :open    not NULL: list open crossings too (already past at the first
--            total)
--   :song    a song's id, as text
WITH rel AS MATERIALIZED (
SELECT c.song_id AS song_id, min(r.released_utc) AS utc FROM catalog_song c
JOIN release_song rs ON rs.catalog_song_id = c.id
JOIN release r ON r.id = rs.release_id
WHERE c.song_id IS NOT NULL GROUP BY c.song_id),
-- Credits by kind; solo: the one lead of a song (featured guests allowed).
-- A member's solo songs credit them, not their group.
cr AS MATERIALIZED (
SELECT DISTINCT c.song_id AS song_id, sc.artist_id AS artist_id,
sc.credit AS credit
FROM song_credit sc JOIN catalog_song c ON c.id = sc.catalog_song_id
WHERE c.song_id IS NOT NULL
UNION SELECT c.song_id, sc.artist_id, 'solo'
FROM song_credit sc JOIN catalog_song c ON c.id = sc.catalog_song_id
WHERE c.song_id IS NOT NULL AND sc.credit = 'lead' AND NOT EXISTS (SELECT 1
  FROM song_credit x WHERE x.catalog_song_id = sc.catalog_song_id
  AND x.credit = 'lead' AND x.artist_id <> sc.artist_id)),
base AS MATERIALIZED (
SELECT m.source AS source, m.mark AS mark, m.day AS day, m.prev_day AS prev_day,
s.ref AS ref, s.kind AS skind, s.song_id AS song_id, s.artist_id AS artist_id,
CASE s.kind WHEN 'song' THEN s.song_id ELSE -s.artist_id END AS entity,
CASE s.kind WHEN 'song' THEN m.day - ((rel.utc) - (((rel.utc) % 86400) + 86400) % 86400) / 86400
ELSE m.day - (SELECT ac.joined FROM artist_account ac JOIN series_source ss
  ON ss.id = m.source WHERE ac.artist_id = s.artist_id
  AND ac.platform = ss.platform) END AS days,
-- The subject's filters (an artist, words of a song, a song) are of the
-- entity, whichever of its subjects crossed: the marks they ask about are
-- known before one crossing per entity is chosen.
(:artist IS NULL OR s.artist_id = CAST(:artist AS INTEGER)
  OR s.song_id IN (SELECT song_id FROM cr WHERE artist_id = CAST(:artist AS INTEGER)))
AND (:words IS NULL OR instr((SELECT match FROM song WHERE id = s.song_id), :words) > 0)
AND (:song IS NULL OR s.song_id = CAST(:song AS INTEGER)) AS hit
FROM milestone m JOIN subject s ON s.id = m.subject_id
LEFT JOIN rel ON rel.song_id = s.song_id
WHERE (:source IS NULL OR m.source = :source)
AND (:mark IS NULL OR m.mark = CAST(:mark AS INTEGER))),
want AS MATERIALIZED (SELECT DISTINCT source, mark FROM base WHERE hit),
-- One crossing per entity, source and mark: two subjects naming one song
-- count once, at the earlier crossing (a subject crosses a mark once: only
-- the entities of two subjects need the choice; a subject bound to no
-- entity, as while a rebuild binds them, is one of its own). Ranks and
-- counts are within one source and mark, so every crossing of the marks
-- asked about.
multi AS MATERIALIZED (SELECT entity FROM (SELECT CASE kind WHEN 'song'
  THEN song_id ELSE -artist_id END AS entity FROM subject)
  WHERE entity IS NOT NULL GROUP BY entity HAVING count(*) > 1),
one AS MATERIALIZED (SELECT b.*, 1 AS k FROM base b
  WHERE (b.source, b.mark) IN (SELECT source, mark FROM want)
  AND (b.entity IS NULL OR b.entity NOT IN (SELECT entity FROM multi))
  UNION ALL SELECT * FROM (SELECT b.*, row_number() OVER (PARTITION BY
  entity, source, mark ORDER BY day, ref) AS k FROM base b
  WHERE (b.source, b.mark) IN (SELECT source, mark FROM want)
  AND b.entity IN (SELECT entity FROM multi)) WHERE k = 1),
-- The crossings shown.
sel AS MATERIALIZED (SELECT * FROM one
WHERE hit AND (:open IS NOT NULL OR prev_day IS NOT NULL)),
-- By days, among the crossings with a day and a known interval.
ranked AS MATERIALIZED (SELECT * FROM (SELECT ref, source, mark,
  rank() OVER (PARTITION BY source, mark ORDER BY days) AS rank,
  count(*) OVER (PARTITION BY source, mark) AS of FROM one
  WHERE days IS NOT NULL AND prev_day IS NOT NULL)
  WHERE (ref, source, mark) IN (SELECT ref, source, mark FROM sel)),
-- The Nth song of an artist by credit: of the artists credited on the
-- songs shown, every song of theirs at the marks asked about.
nth AS (SELECT o.entity AS entity, o.source AS source, o.mark AS mark,
cr.artist_id AS artist_id, cr.credit AS credit,
row_number() OVER (PARTITION BY cr.artist_id, cr.credit, o.source, o.mark
  ORDER BY o.day, o.ref) AS n
FROM one o JOIN cr ON cr.song_id = o.song_id WHERE o.skind = 'song'
AND cr.artist_id IN (SELECT x.artist_id FROM cr x
  WHERE x.song_id IN (SELECT song_id FROM sel))),
counts AS MATERIALIZED (SELECT entity, source, mark,
group_concat(label, ', ') AS counts FROM
(SELECT nth.*, a.name || ' ' || nth.credit || ' #' || nth.n AS label FROM nth
  JOIN artist a ON a.id = nth.artist_id
  WHERE (nth.entity, nth.source, nth.mark) IN (SELECT entity, source, mark FROM sel)
  ORDER BY a.name, CASE nth.credit WHEN 'lead' THEN 0 WHEN 'solo' THEN 1 ELSE 2 END)
GROUP BY entity, source, mark)
SELECT CASE r.skind WHEN 'song' THEN so.title ELSE a.name END AS subject,
CASE r.skind WHEN 'song' THEN so.artist ELSE '' END AS artist,
r.source AS source, r.mark AS mark, date(r.day * 86400, 'unixepoch') AS date,
CASE WHEN r.prev_day IS NOT NULL AND r.day - r.prev_day > 1
  THEN date((r.prev_day + 1) * 86400, 'unixepoch') END AS 'from',
CASE WHEN r.prev_day IS NULL THEN 'open' WHEN r.day - r.prev_day > 1
  THEN 'sparse' ELSE '' END AS flag,
r.days AS days, rk.rank AS rank, rk.of AS of, coalesce(c.counts, '') AS counts
FROM sel r LEFT JOIN song so ON so.id = r.song_id
LEFT JOIN artist a ON a.id = r.artist_id
LEFT JOIN ranked rk ON rk.ref = r.ref AND rk.source = r.source
  AND rk.mark = r.mark
LEFT JOIN counts c ON c.entity = r.entity AND c.source = r.source
  AND c.mark = r.mark
ORDER BY r.day, r.source, r.mark, r.ref;
