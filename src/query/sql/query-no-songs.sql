-- query-no-songs.sql: the empty list of songs a search answers when no
-- song matches.
SELECT 1 AS id WHERE 0;
