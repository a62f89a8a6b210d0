-- regions-family.sql: the charts of a built-in family, every chart of one
-- provider and cadence (regions.c then refuses two of one region).
--   :name       the family: '<provider>-<cadence>' ('spotify-weekly')
--   :no_global  1 to leave the region global out, else 0
SELECT id, region, cadence FROM chart
 WHERE provider || '-' || cadence = :name
 AND (:no_global = 0 OR region <> 'global') ORDER BY region, id;
