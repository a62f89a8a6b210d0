-- sales-row-find.sql: the units stored for a row of a sales report, and
-- the file they came from.
--   :provider  the provider's id
--   :release   the release's id
--   :version   the version; '' when the report does not split versions
--   :country   the country; '' for the provider's whole count
--   :kind      day, week, month, year or cumulative
--   :period    as written: YYYY-MM-DD, YYYY-MM or YYYY
SELECT units, file FROM sale WHERE provider = :provider AND release_id = :release
 AND version = :version AND country = :country AND kind = :kind AND period = :period;
