-- query-charts.sql: the registry's charts (kchart charts), or one of them
-- (its page's info), each with what is stored of it: how many periods, the
-- first and the latest, how many are missing between them, how many are
-- partial, and how many songs of the first had charted before it
-- (docs/entities.md, "What the store covers"); and what it ranks: song,
-- album or artist ("What a chart ranks"). The sums are chart_cover's
-- (migrate-014.sql), brought up to date before this runs
-- (kc__coverage_sync); the same answer as query-charts-walk.sql's walk of
-- every stored period. seeded is counted here, from the entries of the
-- first period (entry.seeded with periods past 1: the store begins
-- mid-history), which are derived again without a snapshot changing.
--   :chart  the chart's id; NULL: every chart
SELECT c.id AS id, c.provider AS provider, c.name AS name, c.region AS region,
 c.cadence AS cadence, c.timezone AS timezone, c.size AS size,
 c.published AS published, coalesce(v.periods, 0) AS periods_stored,
 v.first AS first, v.last AS latest, coalesce(v.missing, 0) AS missing,
 coalesce(v.partial, 0) AS partial,
 (SELECT count(*) FROM entry e WHERE e.snapshot_id = v.first_id
  AND e.seeded AND e.periods > 1) AS seeded,
 c.ranks AS ranks
 FROM chart c LEFT JOIN chart_cover v ON v.chart_id = c.id
 WHERE :chart IS NULL OR c.id = :chart ORDER BY c.id;
