-- kchart-forget-source.sql: the name a snapshot is stored under, when the
-- file it was stored from is forgotten and another holds it.
--   :snapshot  the snapshot's id
--   :source    the other file's name for it
UPDATE snapshot SET source = :source WHERE id = :snapshot;
