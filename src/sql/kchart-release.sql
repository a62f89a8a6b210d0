-- kchart-release.sql: the fill stays (kchart-savepoint.sql).
RELEASE fill;
