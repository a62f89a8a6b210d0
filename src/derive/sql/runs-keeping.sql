-- runs-keeping.sql: 1 while a rebuild, merge or split keeps ids
-- (temp.id_floor is set: derive/ids.c), else 0.
SELECT EXISTS (SELECT 1 FROM temp.id_floor);
