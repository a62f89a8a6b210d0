-- kchart-scope-forget.sql: before a merge or split derives its songs
-- again (their entries and runs already cut), their keys go, and the songs
-- themselves unless the catalog or a series binds them (those are bound
-- again, with their keys). A script of several statements, run whole.
DELETE FROM song_key WHERE song_id IN (SELECT id FROM temp.id_scope);
 DELETE FROM song WHERE id IN (SELECT id FROM temp.id_scope)
 AND id NOT IN (SELECT song_id FROM catalog_song WHERE song_id IS NOT NULL)
 AND id NOT IN (SELECT song_id FROM subject WHERE song_id IS NOT NULL)
 AND id NOT IN (SELECT song_id FROM release WHERE song_id IS NOT NULL);
