-- allkill-sig.sql: what the tally of All-Kills (temp.allkill_tally) is
-- derived from, in one text: the rule sets; each chart they name, with its
-- cadence, publication delay, zone, and its snapshots' count and highest
-- id (a snapshot stored or forgotten changes them); the songs' count and
-- highest id (a merge or split of songs moves entries between them). The
-- same text means the same tally.
SELECT (SELECT group_concat(x, ';') FROM (SELECT kind || '|' || since || '|'
  || coalesce(until, '') || '|' || charts AS x FROM allkill_rule
  ORDER BY kind, since))
 || '#' || coalesce((SELECT group_concat(x, ';') FROM (SELECT c.id || '|'
  || c.cadence || '|' || coalesce(c.published, '') || '|' || c.timezone
  || '|' || (SELECT count(*) || '|' || coalesce(max(s.id), 0) FROM snapshot s
  WHERE s.chart_id = c.id) AS x FROM chart c WHERE EXISTS (SELECT 1
  FROM allkill_rule r WHERE instr(' ' || r.charts || ' ', ' ' || c.id || ' '))
  ORDER BY c.id)), '')
 || '#' || (SELECT count(*) || '|' || coalesce(max(id), 0) FROM song);
