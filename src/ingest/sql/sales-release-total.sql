-- sales-release-total.sql: what a release's stored rows from one provider
-- come to, every kind and period together (a float: it cannot overflow),
-- for the import's check that sums stay within KC_UNITS_SUM_MAX.
--   :release   the release's id
--   :provider  the provider's id
SELECT total(units) FROM sale WHERE release_id = :release AND provider = :provider;
