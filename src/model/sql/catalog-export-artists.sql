-- catalog-export-artists.sql: every artist, by name, for the export: its
-- id (for its aliases, members and accounts), then the columns written as
-- they are named. Not the artists only a chart credit knows (origin
-- credit): they are derived from the charts, not the catalog's.
SELECT id, name, kind, market FROM artist WHERE origin <> 'credit' ORDER BY name;
