-- allkill-rule-put.sql: one rule set of an All-Kill kind, a row of a rules
-- file.
--   :kind    the kind ('realtime')
--   :since   its first day (YYYY-MM-DD)
--   :until   the day it ends, or NULL: it does not
--   :charts  its charts' ids, separated by spaces
--   :source  where the rule is written down
INSERT INTO allkill_rule (kind, since, until, charts, source)
 VALUES (:kind,:since,:until,:charts,:source);
