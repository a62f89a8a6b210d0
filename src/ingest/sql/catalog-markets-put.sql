-- catalog-markets-put.sql: adds a market rule.
--   :pos     its place: the first rule that names one of an artist's
--            genres or its area gives the market
--   :field   genre or area
--   :value   the genre ("k-pop") or the area's name ("South Korea")
--   :market  the market it gives ("k-pop")
INSERT INTO market_rule (pos, field, value, market) VALUES (:pos, :field, :value, :market);
