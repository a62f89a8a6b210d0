-- search-suggest-artists.sql: every artist's name and alias, for "did you
-- mean" (kc__suggest): its matching form, and how to show it ("Name" or
-- "Name (alias)").
SELECT match, name FROM artist UNION ALL SELECT a.match,
 r.name || ' (' || a.alias || ')' FROM artist_alias a
 JOIN artist r ON r.id = a.artist_id;
