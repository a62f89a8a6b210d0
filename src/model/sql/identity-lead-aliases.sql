-- identity-lead-aliases.sql: other spellings of a catalog song's credit
-- when it credits one artist only: each alias of that artist, in order;
-- no row when it credits more.
--   :song  the catalog song's id
SELECT a.alias FROM song_credit sc JOIN artist_alias a ON a.artist_id = sc.artist_id
 WHERE sc.catalog_song_id = :song
 AND (SELECT count(*) FROM song_credit x WHERE x.catalog_song_id = :song) = 1
 ORDER BY a.alias;
