-- ids-move-put.sql: an entity to renumber.
--   :from  its id now
--   :to    its id from now on
INSERT INTO temp.id_move (from_id, to_id) VALUES (:from, :to);
