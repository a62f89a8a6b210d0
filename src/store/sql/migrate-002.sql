-- migrate-002.sql: schema step 2, from user_version 1 to 2.
-- The server's write tokens, stored as hashes (token.c).
--
-- Run by kc__store_migrate (store.c), with PRAGMA user_version = 2, in one
-- transaction. Each CREATE statement is one line: SQLite keeps its text as
-- written (sqlite_master, .schema, .dump), and every store has this text.

-- token: a write token of the server.
--   hash: SHA-256 of the token, hex
--   created: UTC, ISO 8601
CREATE TABLE token (  name TEXT PRIMARY KEY,  hash TEXT NOT NULL UNIQUE,  created TEXT NOT NULL);
