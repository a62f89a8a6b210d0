-- sales-windows.sql: the windows of a release's sales, gathered in C, as a
-- table (so that its types come from SQLite, as elsewhere).
--   :rows  the rows as JSON arrays separated by commas, and the closing
--          ']': '["hanteo","first day",...],[...]]'
SELECT j.value ->> 0 AS provider, j.value ->> 1 AS "window",
 j.value ->> 2 AS "from", j.value ->> 3 AS "to", j.value ->> 4 AS days,
 j.value ->> 5 AS units, j.value ->> 6 AS source, j.value ->> 7 AS note
 FROM json_each('[' || :rows) j ORDER BY j.key;
