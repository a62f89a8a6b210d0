-- allkill-sig.sql: what the tally of All-Kills (temp.allkill_tally) is
-- derived from, in one text: the rule sets; each chart they name, with its
-- cadence, publication delay, zone, and its snapshots' count and highest
-- id (a snapshot stored or forgotten changes them); and their No. 1s: how
-- many, and a checksum of each one's song and snapshot (a rebuild, merge or
-- split that gives a No. 1 to another song changes it, whatever the songs'
-- count; entry_no1, migrate-003.sql). The same text means the same tally.
SELECT (SELECT group_concat(x, ';') FROM (SELECT kind || '|' || since || '|'
  || coalesce(until, '') || '|' || charts AS x FROM allkill_rule
  ORDER BY kind, since))
 || '#' || coalesce((SELECT group_concat(x, ';') FROM (SELECT c.id || '|'
  || c.cadence || '|' || coalesce(c.published, '') || '|' || c.timezone
  || '|' || (SELECT count(*) || '|' || coalesce(max(s.id), 0) FROM snapshot s
  WHERE s.chart_id = c.id) AS x FROM chart c WHERE EXISTS (SELECT 1
  FROM allkill_rule r WHERE instr(' ' || r.charts || ' ', ' ' || c.id || ' '))
  ORDER BY c.id)), '')
 || '#' || (SELECT count(*) || '|'
  || coalesce(sum((e.song_id * 1000003 + e.snapshot_id) % 1000000007), 0)
  FROM entry e INDEXED BY entry_no1 CROSS JOIN snapshot s ON s.id = e.snapshot_id
  WHERE e.rank = 1 AND s.chart_id IN (SELECT c.id FROM chart c
  WHERE EXISTS (SELECT 1 FROM allkill_rule r
  WHERE instr(' ' || r.charts || ' ', ' ' || c.id || ' '))));
