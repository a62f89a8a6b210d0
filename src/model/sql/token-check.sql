-- token-check.sql: the name of the token with a hash, if any (token.c).
--   :hash  SHA-256 of the token, hex
SELECT name FROM token WHERE hash = :hash;
