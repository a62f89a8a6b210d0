-- records-chart.sql: records over a cohort of songs by a chart's counter
-- (kchart records --chart ID --measure periods, docs/records.md): each
-- song's counter from its entries up to a period (most), and with a
-- threshold the first period it met it (periods, streak: at least the
-- threshold; peak: No. threshold or better; no1: its thresholdth period at
-- No. 1) and in how many days from its release (first, fastest, only),
-- ranked. Its pieces are shared with records-series-songs.sql, word for
-- word (sql_files checks it).
--   :measure       periods, no1, peak or streak
--   :chart         the chart's id
--   :at            the last period counted, as its first day (YYYY-MM-DD),
--                  or NULL: every period
--   :at_least      the threshold, as text, or NULL (most only)
--   :mode          most, first, fastest or only
--   :limit         the rows listed, at most (-1: all)
--   :top           :limit, for the most of every song (no :at, no
--                  :at_least, no cohort), else NULL: then only the songs
--                  the page lists are weighed (top)
--   :cross         with :at_least and no :at nor cohort, the songs that
--                  met the threshold to list, as a JSON array of [song id,
--                  its crossing as agg's r], from records-cross-songs.sql
--                  or records-cross-walk.sql (records.c); else NULL
--   :of            with :cross, how many songs met it (the rows not in
--                  :cross are counted in of, unread); else NULL
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
-- A page of the most of every song (:top): its songs (top), read in the
-- measure's order from its index (run_top_*, migrate-016.sql) down to the
-- value of the page's last (the ties of the last included), then put in
-- the list's order (the value, then the title and the id: its ties) and
-- cut at the page. Only they are weighed below: every song ranked before
-- one of them is on the page, so that each one's rank among the page is
-- its rank among all, and of counts the chart's runs. The Hot 100's best
-- peak ties 1,195 songs at No. 1: their titles are read, but not their
-- runs, releases or credits (about 6 ms before, 2.5 now, 1.5 of it the
-- count of the chart's 32,626 runs).
 top AS MATERIALIZED (SELECT t.song_id AS id FROM (SELECT song_id, -periods AS k
  FROM run WHERE :top IS NOT NULL AND :measure = 'periods' AND chart_id = :chart
  AND periods >= coalesce((SELECT periods FROM run WHERE chart_id = :chart
   ORDER BY periods DESC LIMIT 1 OFFSET CAST(:top AS INTEGER) - 1), 0)
  UNION ALL
  SELECT song_id, peak FROM run
  WHERE :top IS NOT NULL AND :measure = 'peak' AND chart_id = :chart
  AND peak <= coalesce((SELECT peak FROM run WHERE chart_id = :chart
   ORDER BY peak LIMIT 1 OFFSET CAST(:top AS INTEGER) - 1), 1000000000)
  UNION ALL
  SELECT song_id, -longest_streak FROM run
  WHERE :top IS NOT NULL AND :measure = 'streak' AND chart_id = :chart
  AND longest_streak >= coalesce((SELECT longest_streak FROM run WHERE chart_id = :chart
   ORDER BY longest_streak DESC LIMIT 1 OFFSET CAST(:top AS INTEGER) - 1), 0)
  UNION ALL
  SELECT song_id, -periods_at_no1 FROM run
  WHERE :top IS NOT NULL AND :measure = 'no1' AND chart_id = :chart
  AND periods_at_no1 > 0 AND periods_at_no1 >= coalesce((SELECT periods_at_no1
   FROM run WHERE chart_id = :chart AND periods_at_no1 > 0
   ORDER BY periods_at_no1 DESC LIMIT 1 OFFSET CAST(:top AS INTEGER) - 1), 0)
  UNION ALL
  SELECT song_id, 0 FROM run
  WHERE :top IS NOT NULL AND :measure = 'no1' AND chart_id = :chart
  AND periods_at_no1 = 0 AND (SELECT count(*) FROM run WHERE chart_id = :chart
   AND periods_at_no1 > 0) < CAST(:top AS INTEGER)) t
  CROSS JOIN song s ON s.id = t.song_id
  ORDER BY t.k, s.title, t.song_id LIMIT CAST(:top AS INTEGER)),
-- The songs weighed (base), with their runs' counters: every song of the
-- chart; for a page of the most of every song, top's; with :cross, its
-- songs.
 base AS MATERIALIZED (SELECT song_id AS id, periods, peak, periods_at_no1 AS no1,
  longest_streak AS streak, NULL AS r FROM run WHERE :top IS NULL AND :cross IS NULL
  AND chart_id = :chart
  UNION ALL
  SELECT r.song_id, r.periods, r.peak, r.periods_at_no1, r.longest_streak, NULL
  FROM top t CROSS JOIN run r ON r.chart_id = :chart AND r.song_id = t.id
  WHERE :top IS NOT NULL
  UNION ALL
  SELECT r.song_id, r.periods, r.peak, r.periods_at_no1, r.longest_streak,
  j.value ->> 1 FROM json_each(:cross) j CROSS JOIN run r
  ON r.chart_id = :chart AND r.song_id = j.value ->> 0 WHERE :cross IS NOT NULL),
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
-- Without --at or a threshold, each song's counters are its run's (agg's
-- first half): runs.c only ever raises a run's periods and streak and
-- lowers its peak, so the last entry's are the most and the best, and the
-- run counts its periods at No. 1 and keeps its longest streak; the
-- entries are read only to date a crossing or to stop at --at.
-- Each song's counter (agg), the period of its Nth No. 1 (nth: a seek of the
-- song's No. 1s, looked up only for --measure no1 with a threshold), and the
-- value, date reached and days from release that the list ranks (v). The
-- first entry to meet the threshold is the crossing; it is open (crossed on
-- a period the store lacks, by this one) when the provider's counters took
-- the counter past the threshold there (entry.seeded: periods or streak
-- above it; a peak the provider gave, the rank itself worse, or any peak of
-- a seeded entry with periods before it, whose best may be older): a song
-- with 509 days on its first stored day did not reach 400 on it. The period
-- and the flag go in one text (r), whose least is the first crossing:
-- periods of a chart are all of one length.
-- With :cross (a threshold, no --at, no cohort), records.c has found the
-- songs to list and their crossings (r) by the same rule without reading
-- every entry (records-cross-*.sql), and their counters are their runs'.
 agg AS (SELECT id, periods, peak, no1, streak, NULL AS r FROM base
  WHERE :at IS NULL AND :at_least IS NULL
  AND (:any IS NULL OR id IN (SELECT id FROM coh))
  UNION ALL
  SELECT e.song_id AS id, max(e.periods) AS periods, min(e.peak) AS peak,
  sum(e.rank = 1) AS no1, max(e.streak) AS streak,
-- begin shared: crossing
  min(CASE WHEN (:measure = 'periods' AND e.periods >= CAST(:at_least AS INTEGER))
   OR (:measure = 'streak' AND e.streak >= CAST(:at_least AS INTEGER))
   OR (:measure = 'peak' AND e.peak <= CAST(:at_least AS INTEGER))
   THEN s.period || CASE WHEN (:measure = 'periods' AND e.seeded
    AND e.periods > CAST(:at_least AS INTEGER))
   OR (:measure = 'streak' AND e.seeded AND e.streak > CAST(:at_least AS INTEGER))
   OR (:measure = 'peak' AND (e.rank > CAST(:at_least AS INTEGER)
    OR (e.seeded AND e.periods > 1)))
   THEN ' open' ELSE '' END END) AS r
-- end shared: crossing
  FROM snapshot s JOIN entry e ON e.snapshot_id = s.id
  WHERE (:at IS NOT NULL OR :at_least IS NOT NULL) AND :cross IS NULL
  AND s.chart_id = :chart
  AND (:at IS NULL OR substr(s.period || '-01-01', 1, 10) <= :at)
  AND (:any IS NULL OR e.song_id IN (SELECT id FROM coh)) GROUP BY e.song_id
  UNION ALL
  SELECT id, periods, peak, no1, streak, r FROM base WHERE :cross IS NOT NULL),
 agg2 AS (SELECT agg.*, CASE WHEN r LIKE '% open' THEN substr(r, 1, length(r) - 5)
  ELSE r END AS rp, CASE WHEN r LIKE '% open' THEN 'open' ELSE '' END AS rflag
  FROM agg),
 nth AS (SELECT a.*, CASE WHEN :measure = 'no1' AND :at_least IS NOT NULL
  THEN (SELECT s.period FROM entry e INDEXED BY entry_song_no1
   CROSS JOIN snapshot s ON s.id = e.snapshot_id
   WHERE e.song_id = a.id AND e.rank = 1 AND s.chart_id = :chart
   AND (:at IS NULL OR substr(s.period || '-01-01', 1, 10) <= :at)
   ORDER BY s.period LIMIT 1 OFFSET CAST(:at_least AS INTEGER) - 1) END AS nperiod
  FROM agg2 a),
-- The songs' first releases are put beside them by id (j): fr holds one
-- row a song, and SQLite builds an automatic index of it for the join
-- (EXPLAIN QUERY PLAN: AUTOMATIC COVERING INDEX). A grouped pass over both
-- lists instead (before 2026-12-07) cost the Hot 100's best peak, whose
-- 1,195 songs tie at No. 1, about a fifth of its time.
 j AS (SELECT a.id AS id, a.periods AS periods, a.peak AS peak, a.no1 AS no1,
  a.streak AS streak, a.rp AS rp, a.rflag AS rflag, a.nperiod AS nperiod,
  f.role AS role, f.rtitle AS rtitle, f.released AS released, f.utc AS utc
  FROM nth a LEFT JOIN fr f ON f.song_id = a.id),
 v AS (SELECT a.id AS id, CASE :measure WHEN 'periods' THEN a.periods WHEN 'peak'
  THEN a.peak WHEN 'no1' THEN a.no1 ELSE a.streak END AS value,
  CASE WHEN :top IS NOT NULL THEN (SELECT count(*) FROM run WHERE chart_id = :chart)
   - (SELECT count(*) FROM base) WHEN :cross IS NOT NULL
   THEN CAST(:of AS INTEGER) - (SELECT count(*) FROM base) ELSE 0 END AS unread,
  CASE WHEN :measure = 'no1' THEN a.nperiod ELSE a.rp END AS reached,
  NULL AS since, CASE WHEN :measure = 'no1' THEN '' ELSE a.rflag END AS flag,
  a.role AS role, a.rtitle AS rtitle, a.released AS released,
  CAST(julianday(substr(CASE WHEN :measure = 'no1' THEN a.nperiod ELSE a.rp END
   || '-01-01', 1, 10))
   - 2440587.5 AS INTEGER)
   - ((a.utc) - (((a.utc) % 86400) + 86400) % 86400) / 86400 AS days
  FROM j a
  WHERE :at_least IS NULL
  OR (CASE WHEN :measure = 'no1' THEN a.nperiod ELSE a.rp END) IS NOT NULL),
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
