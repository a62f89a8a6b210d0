-- kchart-savepoint.sql: where a merge or split goes back to when filling
-- in its songs' periods moved rows of other songs (kchart.c).
SAVEPOINT fill;
