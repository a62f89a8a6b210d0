-- sales-provider.sql: a sale provider's zone, week start (ISO day) and
-- first-week rule (rolling7 or tracking).
--   :id  the provider's id
SELECT time_zone, week_start, first_week
 FROM sale_provider WHERE id = :id;
