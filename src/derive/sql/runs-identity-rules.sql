-- runs-identity-rules.sql: the user's merges and splits, in the order they
-- were made (a later rule on the same key wins).
SELECT kind, key, target FROM identity_rule ORDER BY id;
