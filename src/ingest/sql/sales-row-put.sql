-- sales-row-put.sql: stores a row of a sales report; the parameters of
-- sales-row-find.sql, and:
--   :first_day  its first day, days since 1970 in the provider's zone
--   :last_day   its last day
--   :units      the units
--   :file       the file it came from
INSERT INTO sale (provider, release_id, version, country, kind,
 period, first_day, last_day, units, file)
 VALUES (:provider, :release, :version, :country, :kind, :period, :first_day,
 :last_day, :units, :file);
