-- sales-release-suggest.sql: every release's title, for "did you mean"
-- (kc__suggest): the title to fold, and how to show it ("Title (Artist)").
SELECT r.title, r.title || ' (' || coalesce(a.name, '') || ')'
 FROM release r LEFT JOIN artist a ON a.id = r.artist_id ORDER BY r.key;
