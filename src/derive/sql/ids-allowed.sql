-- ids-allowed.sql: the old ids an operation may give: the songs it
-- derived again and an id a split brings back, but no id merged away.
SELECT id FROM temp.id_scope UNION SELECT id FROM temp.id_restore
 EXCEPT SELECT from_id FROM song_redirect;
