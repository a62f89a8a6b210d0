-- catalog-markets-ruled.sql: the artists whose market the rules decide:
-- those with MusicBrainz's genres or area and no market, and those whose
-- market is the one the rules give them (it came from the rules, or says
-- what they say).
SELECT a.id, a.name, a.market FROM artist a
 WHERE (a.market IS NULL AND (a.area IS NOT NULL
  OR EXISTS (SELECT 1 FROM artist_genre g WHERE g.artist_id = a.id)))
 OR a.market = (SELECT r.market FROM market_rule r
  WHERE (r.field = 'genre' AND lower(r.value) IN
   (SELECT lower(g.genre) FROM artist_genre g WHERE g.artist_id = a.id))
  OR (r.field = 'area' AND lower(r.value) = lower(a.area))
  ORDER BY r.pos LIMIT 1)
 ORDER BY a.id;
