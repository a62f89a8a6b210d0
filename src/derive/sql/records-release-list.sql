-- records-release-list.sql: the list of releases by their window's units
-- (first day or first week), in the columns of the other records-*.sql
-- lists: first and only by the window's last day, most by units.
--   :values    a JSON array of [release id, units, the window's last day,
--              its days from the release day]
--   :at_least  the threshold, as text, or NULL (most only)
--   :mode      most, first or only
--   :limit     the rows listed, at most (-1: all)
WITH v AS (SELECT CAST(j.value ->> 0 AS INTEGER) AS id,
  CAST(j.value ->> 1 AS INTEGER) AS value, j.value ->> 2 AS reached,
  CAST(j.value ->> 3 AS INTEGER) AS days FROM json_each(:values) j
  WHERE :at_least IS NULL
  OR CAST(j.value ->> 1 AS INTEGER) >= CAST(:at_least AS INTEGER)),
 ranked AS (SELECT v.*, CASE WHEN :mode IN ('first', 'only')
  THEN rank() OVER (ORDER BY v.reached) ELSE rank() OVER (ORDER BY v.value DESC)
  END AS rank, count(*) OVER () AS of FROM v)
 SELECT r.rank AS rank, rl.title AS title, coalesce(a.name, '') AS artist,
 r.value AS value, r.reached AS reached, NULL AS 'from', '' AS flag, r.days AS days,
 NULL AS role, rl.title AS release, rl.released AS released, r.of AS of, r.id AS id
 FROM ranked r JOIN release rl ON rl.id = r.id LEFT JOIN artist a
 ON a.id = rl.artist_id ORDER BY r.rank, r.reached, rl.title, r.id
 LIMIT CAST(:limit AS INTEGER);
