-- catalog-export-artists.sql: every artist, by name, for the export: its
-- id (for its aliases, members and accounts), then the columns written as
-- they are named.
SELECT id, name, kind, market FROM artist ORDER BY name;
