-- kchart-segments.sql: the periods a merge or split fills in, chart by
-- chart: each run of consecutive stored periods where a song of
-- temp.id_scope has an entry, from its first period to its last.
WITH c AS (SELECT DISTINCT chart_id FROM run
 WHERE song_id IN (SELECT id FROM temp.id_scope)),
 s AS (SELECT id, chart_id, period,
 row_number() OVER (PARTITION BY chart_id ORDER BY period) AS n
 FROM snapshot WHERE chart_id IN (SELECT chart_id FROM c)),
 h AS (SELECT DISTINCT s.chart_id AS chart_id, s.period AS period, s.n AS n
 FROM s JOIN entry e ON e.snapshot_id = s.id
 WHERE e.song_id IN (SELECT id FROM temp.id_scope))
 SELECT chart_id, min(period), max(period) FROM (SELECT chart_id, period,
 n - row_number() OVER (PARTITION BY chart_id ORDER BY n) AS run FROM h)
 GROUP BY chart_id, run ORDER BY chart_id, 2;
