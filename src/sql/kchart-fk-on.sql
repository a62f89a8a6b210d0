-- kchart-fk-on.sql: foreign keys enforced again (as kc_db_open sets them).
PRAGMA foreign_keys = ON;
