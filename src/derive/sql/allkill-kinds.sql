-- allkill-kinds.sql: the kinds of All-Kill with stored rules, in order.
--   :kind  one kind, or NULL: every kind
SELECT DISTINCT kind FROM allkill_rule
 WHERE :kind IS NULL OR kind = :kind ORDER BY kind;
