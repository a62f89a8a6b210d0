-- kchart-fk-off.sql: foreign keys unenforced, outside a transaction,
-- around a rebuild, merge or split (kchart.c says why).
PRAGMA foreign_keys = OFF;
