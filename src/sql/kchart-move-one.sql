-- kchart-move-one.sql: the one row of temp.id_move that the scripts
-- kchart-redirect-put.sql and kchart-unmerge.sql read.
--   :from  the id merged away
--   :to    the song it went into
INSERT INTO temp.id_move (from_id, to_id) VALUES (:from, :to);
