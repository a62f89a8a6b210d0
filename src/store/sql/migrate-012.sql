-- migrate-012.sql: schema step 12, from user_version 11 to 12 (step 11 is
-- another change's: migrate-011.sql).
-- Whether the names searched (search_name, migrate-009.sql) lag their
-- tables, known without reading them: every write to a song's or an
-- artist's names counts in search_state.changed, and a search brings the
-- names up to date (model/search.c) only when it differs from synced, the
-- count when they last were. So a search whose names are current reads one
-- row, not every name (about 40 ms on the Hot 100).
--   changed  writes to song, song_alias, artist or artist_alias so far
--   synced   changed when the names were last brought up to date
ALTER TABLE search_state ADD COLUMN changed INTEGER NOT NULL DEFAULT 1;

ALTER TABLE search_state ADD COLUMN synced INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER search_song_ai AFTER INSERT ON song BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_song_au AFTER UPDATE OF id, title, match ON song BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_song_ad AFTER DELETE ON song BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_song_alias_ai AFTER INSERT ON song_alias BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_song_alias_au AFTER UPDATE ON song_alias BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_song_alias_ad AFTER DELETE ON song_alias BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_artist_ai AFTER INSERT ON artist BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_artist_au AFTER UPDATE OF id, name, match ON artist BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_artist_ad AFTER DELETE ON artist BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_artist_alias_ai AFTER INSERT ON artist_alias BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_artist_alias_au AFTER UPDATE ON artist_alias BEGIN  UPDATE search_state SET changed = changed + 1; END;

CREATE TRIGGER search_artist_alias_ad AFTER DELETE ON artist_alias BEGIN  UPDATE search_state SET changed = changed + 1; END;
