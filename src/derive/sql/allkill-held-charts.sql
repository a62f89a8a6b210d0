-- allkill-held-charts.sql: what an All-Kill of a kind stands on: the
-- charts of its rule sets in force on some day from :from to :to
-- (space-separated, a chart of two sets twice), and the first day of any
-- set of the kind (its history begins there). kc__allkill_held (allkill.c).
--   :kind  the kind
--   :from  the first day (YYYY-MM-DD), or NULL: the kind's first
--   :to    the last day (YYYY-MM-DD)
SELECT group_concat(charts, ' '),
 (SELECT min(since) FROM allkill_rule WHERE kind = :kind)
 FROM allkill_rule WHERE kind = :kind AND since <= :to
 AND (until IS NULL OR :from IS NULL OR until > :from);
