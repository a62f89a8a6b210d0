-- catalog-song-put-keep.sql: adds a catalog song by key; one stored keeps
-- its title and credit (data.json, whose titles are the Korean services').
--   :key     the song's key in the catalog
--   :title   the title
--   :credit  the credit as shown
INSERT OR IGNORE INTO catalog_song (key, title, credit) VALUES (:key, :title, :credit);
