-- token-create.sql: stores a new write token of the server, by its hash
-- (token.c); fails on the UNIQUE name when a token of that name exists.
--   :name  the token's name
--   :hash  SHA-256 of the token, hex
INSERT INTO token (name, hash, created)
VALUES (:name, :hash, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
