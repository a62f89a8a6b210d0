-- catalog-mb-market-set.sql: sets an artist's market (from the market
-- rules).
--   :artist  the artist's id
--   :market  the market ('k-pop'); NULL: none
UPDATE artist SET market = :market WHERE id = :artist AND market IS NOT :market;
