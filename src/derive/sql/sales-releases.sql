-- sales-releases.sql: every release, to match a title against (in C: its
-- matching form) when no artist is named.
SELECT id, title FROM release;
