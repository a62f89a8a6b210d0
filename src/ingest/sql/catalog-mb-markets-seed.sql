-- catalog-mb-markets-seed.sql: the built-in market rules, when the store
-- has none (a new store, or the user's rules emptied): MusicBrainz's
-- genres k-pop, j-pop, c-pop and mandopop (musicbrainz.org/genres), then
-- the areas South Korea and Japan (MusicBrainz's area names). docs/
-- entities.md says why these and how to replace them.
INSERT INTO market_rule (pos, field, value, market)
 SELECT column1, column2, column3, column4 FROM (VALUES
  (1, 'genre', 'k-pop', 'k-pop'), (2, 'genre', 'j-pop', 'j-pop'),
  (3, 'genre', 'c-pop', 'c-pop'), (4, 'genre', 'mandopop', 'c-pop'),
  (5, 'area', 'South Korea', 'k-pop'), (6, 'area', 'Japan', 'j-pop'))
 WHERE NOT EXISTS (SELECT 1 FROM market_rule);
