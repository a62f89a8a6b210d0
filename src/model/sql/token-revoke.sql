-- token-revoke.sql: forgets the token of a name (token.c).
--   :name  the token's name
DELETE FROM token WHERE name = :name;
