-- catalog-mb-market-of.sql: the market the rules give an artist: the first
-- rule (by pos) naming one of its genres or its area, compared without
-- case (no row: none).
--   :artist  the artist's id
SELECT r.market FROM market_rule r WHERE (r.field = 'genre' AND lower(r.value) IN
  (SELECT lower(g.genre) FROM artist_genre g WHERE g.artist_id = :artist))
 OR (r.field = 'area' AND lower(r.value) =
  (SELECT lower(a.area) FROM artist a WHERE a.id = :artist))
 ORDER BY r.pos LIMIT 1;
