-- catalog-markets-clear.sql: removes every market rule (before the user's
-- rules replace them).
DELETE FROM market_rule;
