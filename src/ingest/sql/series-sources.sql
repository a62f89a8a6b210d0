-- series-sources.sql: every series source's id, to name in a message.
SELECT id FROM series_source ORDER BY id;
