-- kchart-orphans.sql: what ON DELETE CASCADE would have deleted with the
-- songs an operation dropped while foreign keys were off (kchart.c). A
-- script of several statements, run whole.
DELETE FROM song_key WHERE song_id NOT IN (SELECT id FROM song);
 DELETE FROM song_artist WHERE song_id NOT IN (SELECT id FROM song);
 DELETE FROM song_alias WHERE song_id NOT IN (SELECT id FROM song);
