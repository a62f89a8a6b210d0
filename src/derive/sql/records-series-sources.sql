-- records-series-sources.sql: every series source, "a, b, c", for the
-- message that names an unknown one.
SELECT group_concat(id, ', ') FROM (SELECT id FROM series_source ORDER BY id);
