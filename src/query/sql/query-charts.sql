-- query-charts.sql: the registry's charts (kchart charts), each with what
-- is stored of it: its periods and the latest; ranks: what its rows are
-- (song, album or artist).
SELECT c.id AS id, c.provider AS provider, c.name AS name, c.region AS region,
 c.cadence AS cadence, c.timezone AS timezone, c.size AS size,
 c.ranks AS ranks, c.published AS published,
 (SELECT count(*) FROM snapshot s WHERE s.chart_id = c.id) AS periods_stored,
 (SELECT max(period) FROM snapshot s WHERE s.chart_id = c.id) AS latest
 FROM chart c ORDER BY c.id;
