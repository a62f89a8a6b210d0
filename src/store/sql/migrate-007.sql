-- migrate-007.sql: schema step 7, from user_version 6 to 7.
-- A release found by its artist (sales rows name both).
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 7, in one
-- transaction. Each CREATE statement is one line: SQLite keeps its text as
-- written (sqlite_master, .schema, .dump), and every store has this text.

CREATE INDEX release_artist ON release(artist_id);
