-- ids-note-from.sql: before a chart is derived again from a period on (a
-- backfill: runs.c, kc__runs_derive_from), its entries from that period
-- on as they are, their songs (the ids they may take back), those songs'
-- keys, and the highest id in use (owner 'chart': kc__runs_derive_from
-- settles the ids once it has derived). A script, run whole.
--   :chart  the chart's id
--   :from   the first period derived again
INSERT INTO temp.old_entry SELECT e.snapshot_id, e.rank, e.song_id
 FROM snapshot s JOIN entry e ON e.snapshot_id = s.id
 WHERE s.chart_id = :chart AND s.period >= :from;
INSERT OR IGNORE INTO temp.id_scope SELECT DISTINCT song_id FROM temp.old_entry;
INSERT INTO temp.old_key SELECT key, song_id FROM song_key
 WHERE song_id IN (SELECT id FROM temp.id_scope);
INSERT INTO temp.id_floor (n, owner) SELECT max(coalesce((SELECT max(id) FROM song), 0),
 coalesce((SELECT max(from_id) FROM song_redirect), 0),
 coalesce((SELECT max(song_id) FROM identity_rule), 0)), 'chart';
