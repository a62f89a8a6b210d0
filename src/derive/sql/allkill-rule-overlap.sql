-- allkill-rule-overlap.sql: a stored rule set of a kind whose time overlaps
-- the one given (no row: none).
--   :kind   the kind
--   :since  the first day of the one given (YYYY-MM-DD)
--   :until  the day it ends, or NULL: it does not
SELECT since FROM allkill_rule WHERE kind = :kind
 AND (until IS NULL OR until > :since) AND (:until IS NULL OR since < :until);
