-- kchart-rebuild-clear.sql: what a rebuild derives again, cleared: the
-- milestones, the catalog's and the series' bindings to songs, the
-- entries, runs, song keys and songs (derive/ids.c gives the songs derived
-- again their old ids). The search compares everything after it
-- (search_touch's ('whole', 0), migrate-021.sql): the songs made again are
-- not queued one by one. A script of several statements, run whole inside
-- the rebuild's transaction.
DELETE FROM milestone; UPDATE catalog_song SET song_id = NULL;
 UPDATE subject SET song_id = NULL;
 DELETE FROM entry; DELETE FROM run; DELETE FROM song_key;
 DELETE FROM song;
 INSERT OR IGNORE INTO search_touch (src, ref) VALUES ('whole', 0);
