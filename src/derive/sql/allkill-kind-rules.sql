-- allkill-kind-rules.sql: the rule sets of a kind, by start.
--   :kind  the kind
SELECT since, until, charts FROM allkill_rule WHERE kind = :kind ORDER BY since;
