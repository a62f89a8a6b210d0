-- ids-fresh.sql: the first id above every id in use, merged away, or in
-- use before the operation.
SELECT max(coalesce((SELECT max(id) FROM song), 0),
 coalesce((SELECT max(from_id) FROM song_redirect), 0),
 coalesce((SELECT max(n) FROM temp.id_floor), 0)) + 1;
