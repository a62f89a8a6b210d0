-- token-list.sql: the tokens, by name, with when each was made; never
-- their hashes (kchart token list).
SELECT name, created FROM token ORDER BY name;
