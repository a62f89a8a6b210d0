-- catalog-song-put.sql: adds a catalog song by key, or sets the title and
-- credit of the one stored (kchart's format).
--   :key     the song's key in the catalog
--   :title   the title
--   :credit  the credit as shown ('A & B feat. C')
INSERT INTO catalog_song (key, title, credit) VALUES (:key, :title, :credit)
 ON CONFLICT (key) DO UPDATE SET title = :title, credit = :credit
 WHERE title IS NOT :title OR credit IS NOT :credit;
