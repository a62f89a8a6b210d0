-- kchart-fk-check.sql: a row naming a song that is not there, in any table
-- that names songs (none: the ids moved whole).
SELECT "table", parent FROM pragma_foreign_key_check('entry')
 WHERE parent = 'song' UNION ALL SELECT "table", parent
 FROM pragma_foreign_key_check('run') UNION ALL SELECT "table", parent
 FROM pragma_foreign_key_check('catalog_song') UNION ALL
 SELECT "table", parent FROM pragma_foreign_key_check('subject')
 UNION ALL SELECT "table", parent FROM pragma_foreign_key_check('release')
 WHERE parent = 'song' LIMIT 1;
