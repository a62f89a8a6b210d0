-- certs-rule-put.sql: stores a certification rule (data/certs.csv's
-- columns); it replaces the stored one of the same certifier, award,
-- metric and since.
--   :certifier  Circle, RIAA, ...
--   :award      platinum, 2x platinum, million, gold ...
--   :metric     albums, units, downloads or streams
--   :threshold  the total that reaches it
--   :since      the first day in force, YYYY-MM-DD
--   :until      the first day no longer in force; NULL: still
--   :provider   the sale provider (albums, units) or series source counted
--   :source     where the rule comes from
INSERT OR REPLACE INTO cert_rule (certifier, award, metric, threshold,
 since, until, provider, source)
 VALUES (:certifier, :award, :metric, :threshold, :since, :until, :provider, :source);
