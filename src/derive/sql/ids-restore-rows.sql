-- ids-restore-rows.sql: when a merge is undone, the entries noted as the
-- merged song's (temp.old_entry): the song it went into's, or a song's the
-- merge made apart (holding the key the song kept was kept under and
-- another key of the id brought back: its rows shared a period with the
-- other song's), with their rows: the id brought back, the song kept, the
-- key it was kept under, the row's snapshot and rank, title, artist,
-- provider id, and what its chart ranks.
WITH r AS (SELECT DISTINCT id, into_id, target FROM temp.id_restore),
 merged AS (SELECT r.id, r.into_id, r.target, r.into_id AS song_id FROM r
 UNION SELECT r.id, r.into_id, r.target, t.song_id FROM r
 JOIN temp.old_key t ON t.key = r.target
 JOIN temp.old_key k ON k.song_id = t.song_id AND k.key <> r.target
 JOIN temp.id_restore x ON x.id = r.id AND x.key = k.key)
SELECT m.id, m.into_id, m.target, o.snapshot_id, o.rank, b.title, b.artist,
 b.provider_id, c.ranks FROM merged m JOIN temp.old_entry o ON o.song_id = m.song_id
 JOIN observation b ON b.snapshot_id = o.snapshot_id AND b.rank = o.rank
 JOIN snapshot s ON s.id = o.snapshot_id JOIN chart c ON c.id = s.chart_id;
