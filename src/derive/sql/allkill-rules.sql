-- allkill-rules.sql: every stored rule set (kchart allkill --rules), by
-- kind and start.
SELECT kind, since, until, charts, source FROM allkill_rule
 ORDER BY kind, since;
