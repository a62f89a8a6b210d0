-- records-series-songs.sql: records over a cohort of songs by a series
-- total (kchart records --measure spotify-streams, docs/records.md): each
-- song of the cohort with its total (most), or the day it reached the
-- threshold and in how many days from its release (first, fastest, only),
-- ranked. Its pieces are shared with records-series-artists.sql and
-- records-chart.sql, word for word (sql_files checks it).
--   :measure       the series source ('spotify-streams')
--   :at            the day totals are read on (days since 1970-01-01, as
--                  text; the largest integer: every day)
--   :at_least      the threshold, as text, or NULL (most only)
--   :mode          most, first, fastest or only
--   :limit         the rows listed, at most (-1: all)
--   :artists       NULL: the ids are songs'
--   :any           not NULL when the cohort has a filter (else every one)
--   :market        a market ('k-pop'), or NULL: any
--   :artist_kind   group, solo, unit or other, or NULL
--   :artist        an artist's id, as text, or NULL
--   :member_of     a group's id, as text: its members' work; or NULL
--   :credit        lead, featured, solo or any: how :artist is credited
--                  (alone, solo: songs with one lead); or NULL
--   :role          title, b-side, pre-release, ost or fan-song: the song's
--                  role on its first release; or NULL
--   :release_kind  album, ep, single, repackage, mixtape or ost: the kind
--                  of that release; or NULL
--   :year          the year of that release (YYYY), or NULL
WITH
-- begin shared: series-base
-- The songs or artists a series measure reads (base, id): with a threshold,
-- those whose series crossed the highest mark at or below it (mk), read
-- off the milestone table with the day of that crossing and of the total
-- before it (a series that did not cross that mark did not cross the
-- threshold; one that did crossed it on or after that day); else every
-- one. The cohort is computed over these alone.
 src AS (SELECT subject AS skind, platform FROM series_source WHERE id = :measure),
 mk AS (SELECT max(mark) AS mark FROM milestone WHERE source = :measure
  AND mark <= CAST(:at_least AS INTEGER)),
 base AS MATERIALIZED (SELECT CASE s.kind WHEN 'song' THEN s.song_id
  ELSE s.artist_id END AS id, m.day AS mday, m.prev_day AS mprev
  FROM mk JOIN milestone m ON m.source = :measure AND m.mark = mk.mark
  JOIN subject s ON s.id = m.subject_id WHERE :at_least IS NOT NULL
  UNION SELECT CASE s.kind WHEN 'song' THEN s.song_id ELSE s.artist_id END,
  NULL, NULL FROM subject s, src, mk WHERE s.kind = src.skind
  AND (:at_least IS NULL OR mk.mark IS NULL)),
-- end shared: series-base
-- begin shared: song-cohort
-- The cohort's song ids (coh, one column id), and fr: the first release of
-- each song of base that passes the credit filters (of all of them without
-- a cohort), its role there, the release's kind, instant, date as written
-- and title, NULL when it has none. The lead credits decide market and
-- kind: a song is K-pop when one of its leads is, by soloists when every
-- lead is one; with an artist, credit says how they are credited (solo:
-- the one lead), alone, solo means songs with one lead; an artist's
-- songs are those the catalog credits to it and those whose chart credit
-- names it (song_artist, docs/entities.md). The credits are
-- weighed first (pre), so that the first release is looked up, one seek
-- of an index per song, only for the songs they leave; then role, kind and
-- year (coh). Each CTE is read from the one before it, never joined to it:
-- a join to a CTE needs an automatic index, and the planner may choose to
-- scan instead.
 pre AS MATERIALIZED (SELECT DISTINCT b.id AS id FROM (SELECT DISTINCT id
  FROM base) b LEFT JOIN catalog_song c ON c.song_id = b.id
  WHERE (:any IS NOT NULL OR c.id IS NOT NULL)
  AND (:market IS NULL OR EXISTS (SELECT 1 FROM song_credit sc JOIN artist a
   ON a.id = sc.artist_id WHERE sc.catalog_song_id = c.id AND sc.credit = 'lead'
   AND lower(a.market) = lower(:market)))
  AND (:artist_kind IS NULL OR (EXISTS (SELECT 1 FROM song_credit sc
   WHERE sc.catalog_song_id = c.id AND sc.credit = 'lead')
   AND NOT EXISTS (SELECT 1 FROM song_credit sc JOIN artist a ON a.id = sc.artist_id
   WHERE sc.catalog_song_id = c.id AND sc.credit = 'lead'
   AND a.kind <> :artist_kind)))
  AND (:artist IS NULL OR EXISTS (SELECT 1 FROM song_credit sc
   WHERE sc.catalog_song_id = c.id AND sc.artist_id = CAST(:artist AS INTEGER)
   AND (:credit IS NULL OR :credit = 'any' OR sc.credit = :credit
    OR (:credit = 'solo' AND sc.credit = 'lead' AND NOT EXISTS (SELECT 1
    FROM song_credit x WHERE x.catalog_song_id = c.id AND x.credit = 'lead'
    AND x.artist_id <> sc.artist_id))))
   OR EXISTS (SELECT 1 FROM song_artist sa
   WHERE sa.song_id = b.id AND sa.artist_id = CAST(:artist AS INTEGER)
   AND (:credit IS NULL OR :credit = 'any' OR sa.role = :credit
    OR (:credit = 'solo' AND sa.role = 'lead' AND NOT EXISTS (SELECT 1
    FROM song_artist x WHERE x.song_id = b.id AND x.role = 'lead'
    AND x.artist_id <> sa.artist_id)))))
  AND (:artist IS NOT NULL OR :credit IS NULL OR :credit <> 'solo'
   OR (SELECT count(*) FROM song_credit x
   WHERE x.catalog_song_id = c.id AND x.credit = 'lead') = 1)
  AND (:member_of IS NULL OR EXISTS (SELECT 1 FROM song_credit sc
   JOIN artist_member m ON m.member_id = sc.artist_id
   WHERE sc.catalog_song_id = c.id AND sc.credit = 'lead'
   AND m.group_id = CAST(:member_of AS INTEGER)))),
 fr AS MATERIALIZED (SELECT pre.id AS song_id, rs.role AS role, r.kind AS rkind,
  r.released_utc AS utc, r.released AS released, r.title AS rtitle FROM pre
  LEFT JOIN release_song rs ON (rs.release_id, rs.catalog_song_id) =
  (SELECT x.release_id, x.catalog_song_id FROM catalog_song c
   JOIN release_song x ON x.catalog_song_id = c.id JOIN release y
   ON y.id = x.release_id WHERE c.song_id = pre.id
   ORDER BY y.released_utc, y.id, x.catalog_song_id LIMIT 1)
  LEFT JOIN release r ON r.id = rs.release_id),
 coh AS MATERIALIZED (SELECT song_id AS id FROM fr
  WHERE (:role IS NULL OR role = :role)
  AND (:release_kind IS NULL OR rkind = :release_kind)
  AND (:year IS NULL OR substr(released, 1, 4) = :year)),
-- end shared: song-cohort
-- begin shared: series-measure
-- For each subject of base (a song's CSV title and its kworb id are two
-- subjects of one song; its milestone is stored under one of them): the
-- total on or before day :at (for most) and the first total at or above
-- the threshold (on or before :at), searched from the milestone's day; on
-- a mark, for a song of one subject, that milestone is the answer. The
-- value is the total on :at for most, else the total that crossed. A song
-- counts once, at the earliest crossing of any of its subjects, and the
-- total before it is the last of any of them. Every lookup is one seek of
-- an index (point's key, milestone's, an automatic one on fr).
 cand0 AS (SELECT b.id AS id, s.id AS sid, b.mday AS mday, b.mprev AS mprev
  FROM base b JOIN subject s ON s.song_id = b.id AND s.kind = 'song'
  WHERE (SELECT skind FROM src) = 'song'
  UNION ALL SELECT b.id, s.id, b.mday, b.mprev FROM base b JOIN subject s
  ON s.artist_id = b.id AND s.kind = 'artist'
  WHERE (SELECT skind FROM src) = 'artist'),
 cand AS MATERIALIZED (SELECT c0.*, count(*) OVER (PARTITION BY c0.id) AS n
  FROM cand0 c0 WHERE :any IS NULL OR c0.id IN (SELECT id FROM coh)),
 vr AS MATERIALIZED (SELECT c.id AS id, c.sid AS sid, c.n AS n, c.mprev AS mprev,
  mk.mark = CAST(:at_least AS INTEGER) AS onmark,
  CASE WHEN :at_least IS NULL OR :mode = 'most' THEN (SELECT p.value FROM point p
   WHERE p.subject_id = c.sid AND p.source = :measure AND p.kind = 'total'
   AND p.day <= CAST(:at AS INTEGER) ORDER BY p.day DESC LIMIT 1) END AS last,
  CASE WHEN :at_least IS NULL THEN NULL
   WHEN mk.mark = CAST(:at_least AS INTEGER) AND c.n = 1
   THEN CASE WHEN c.mday <= CAST(:at AS INTEGER) THEN c.mday END
  ELSE (SELECT p.day FROM point p WHERE
   p.subject_id = c.sid AND p.source = :measure AND p.kind = 'total'
   AND p.value >= CAST(:at_least AS INTEGER) AND p.day >= coalesce(c.mday, 0)
   AND p.day <= CAST(:at AS INTEGER) ORDER BY p.day LIMIT 1)
  END AS rday FROM cand c, mk),
 v0 AS (SELECT id, sid, n, mprev, onmark, rday,
  coalesce(last, (SELECT p.value FROM point p
  WHERE p.subject_id = vr.sid AND p.source = :measure AND p.kind = 'total'
  AND p.day = vr.rday)) AS value FROM vr),
 v1 AS (SELECT v0.*, min(v0.rday) OVER (PARTITION BY v0.id) AS erday FROM v0),
 v2 AS (SELECT v1.*, CASE WHEN v1.onmark AND v1.n = 1 THEN v1.mprev ELSE
  (SELECT p.day FROM point p WHERE p.subject_id = v1.sid
  AND p.source = :measure AND p.kind = 'total' AND p.day < v1.erday
  ORDER BY p.day DESC LIMIT 1) END AS sprev FROM v1),
 v3 AS (SELECT v2.*, max(v2.sprev) OVER (PARTITION BY v2.id) AS prev,
  row_number() OVER (PARTITION BY v2.id ORDER BY v2.rday IS NULL, v2.rday,
   v2.value DESC, v2.sid) AS k FROM v2),
 v AS (SELECT v3.id AS id, v3.value AS value, v3.rday AS rday, 0 AS unread,
  date(v3.rday * 86400, 'unixepoch') AS reached,
  CASE WHEN v3.prev IS NOT NULL AND v3.rday - v3.prev > 1
   THEN date((v3.prev + 1) * 86400, 'unixepoch') END AS since,
  CASE WHEN v3.rday IS NULL THEN '' WHEN v3.prev IS NULL THEN 'open'
   WHEN v3.rday - v3.prev > 1 THEN 'sparse' ELSE '' END AS flag,
  fr.role AS role, fr.rtitle AS rtitle, fr.released AS released,
  v3.rday - CASE WHEN src.skind = 'song'
   THEN ((fr.utc) - (((fr.utc) % 86400) + 86400) % 86400) / 86400
   ELSE ac.joined END AS days
  FROM v3 JOIN src LEFT JOIN fr ON src.skind = 'song' AND fr.song_id = v3.id
  LEFT JOIN artist_account ac ON src.skind = 'artist' AND ac.artist_id = v3.id
  AND ac.platform = src.platform WHERE v3.k = 1 AND v3.value IS NOT NULL
  AND (:at_least IS NULL OR v3.rday IS NOT NULL)),
-- end shared: series-measure
-- begin shared: list
-- The ordered list: most by the value (a peak: the lowest), first by the
-- date reached (every row has one), fastest by days from release (or the
-- account's joining; rows without one are listed last, unranked, and not
-- counted in of), only as first: one key, one ranking. of counts as well
-- the rows ranked below those read (unread: records-chart.sql's page of
-- the most reads only the rows at or above its last).
 o AS (SELECT v.*, CASE :mode WHEN 'most' THEN CASE WHEN :measure = 'peak'
  THEN v.value ELSE -v.value END WHEN 'fastest' THEN v.days ELSE v.reached END
  AS key FROM v),
 ranked AS (SELECT o.*, CASE WHEN o.key IS NOT NULL THEN rank() OVER (ORDER BY
  o.key IS NULL, o.key) END AS rank, count(o.key) OVER () + o.unread AS of FROM o)
 SELECT r.rank AS rank, coalesce(sg.title, ar.name) AS title,
 coalesce(sg.artist, '') AS artist, r.value AS value,
 r.reached AS reached, r.since AS 'from', r.flag AS flag, r.days AS days,
 r.role AS role, r.rtitle AS release, r.released AS released, r.of AS of,
 r.id AS id FROM ranked r
 LEFT JOIN song sg ON :artists IS NULL AND sg.id = r.id
 LEFT JOIN artist ar ON :artists IS NOT NULL AND ar.id = r.id
 ORDER BY r.rank IS NULL, r.rank, r.reached, r.value DESC, title, r.id
 LIMIT CAST(:limit AS INTEGER);
-- end shared: list
