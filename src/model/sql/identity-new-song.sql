-- identity-new-song.sql: makes an entity (its id: the last rowid).
-- Its id is :id when that is free and no id merged away (an id never
-- moves: docs/entities.md); else, when ids were merged away or a rebuild,
-- merge or split is under way (temp.id_floor: the highest id before it),
-- one above every id in use, merged away or used before; else SQLite's
-- next rowid (the ingest's case, kept cheap).
--   :id      the id to take if free (NULL: any)
--   :kind    song, album or artist (what its chart ranks)
--   :title   the title as written
--   :artist  the credit as written
--   :match   matching form of title and credit ('<title>|<credit>')
INSERT INTO song (id, kind, title, artist, match) VALUES (coalesce((SELECT :id
 WHERE :id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM song WHERE id = :id)
 AND NOT EXISTS (SELECT 1 FROM song_redirect WHERE from_id = :id)),
 CASE WHEN EXISTS (SELECT 1 FROM temp.id_floor)
 OR EXISTS (SELECT 1 FROM song_redirect)
 THEN max(coalesce((SELECT max(id) FROM song), 0),
 coalesce((SELECT max(from_id) FROM song_redirect), 0),
 coalesce((SELECT max(n) FROM temp.id_floor), 0)) + 1 END),
 :kind, :title, :artist, :match);
