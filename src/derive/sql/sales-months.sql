-- sales-months.sql: a release's monthly and cumulative reports of one
-- provider (the whole count, versions summed), in order of their last day.
--   :release   the release's id
--   :provider  the provider's id
SELECT kind, period, first_day, last_day, sum(units) FROM sale
 WHERE release_id = :release AND provider = :provider AND country = ''
 AND kind IN ('month','cumulative') GROUP BY kind, period
 ORDER BY last_day, kind DESC;
