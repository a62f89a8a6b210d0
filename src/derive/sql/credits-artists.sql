-- credits-artists.sql: every name and alias an artist is found by, in
-- matching form and as written (derive/credits.c): is_alias 1 for an
-- alias; origin says whether the catalog or MusicBrainz knows it, or only a
-- credit.
SELECT a.id, a.match, a.origin, 0 AS is_alias, a.name FROM artist a
 UNION ALL SELECT l.artist_id, l.match, a.origin, 1, l.alias FROM artist_alias l
 JOIN artist a ON a.id = l.artist_id ORDER BY 1;
