-- allkill-song-window.sql: the days a song's All-Kills of a kind can fall
-- in, for a song's page (kchart's song route): from the first to the last
-- period it was No. 1 of a chart of any kind's rule sets (an hour counts,
-- made or missed, only when a chart in force has the song at No. 1; its
-- No. 1s read by song, entry_song_no1, migrate-012.sql), widened by a week
-- and the longest publication delay so that every period in force at those
-- hours is read. NULLs: it was No. 1 of none.
--   :song  the song's id
SELECT date(substr(min(s.period), 1, 10), '-' || m.days || ' days') AS from_day,
 date(substr(max(s.period), 1, 10), '+' || (m.days + 1) || ' days') AS to_day
 FROM entry e INDEXED BY entry_song_no1 JOIN snapshot s ON s.id = e.snapshot_id,
 (SELECT 8 + (coalesce(max(published), 0) + 23) / 24 AS days FROM chart) m
 WHERE e.song_id = :song AND e.rank = 1 AND s.chart_id IN (SELECT r.chart_id
  FROM run r WHERE r.song_id = :song AND r.peak <= 1 AND EXISTS (SELECT 1
  FROM allkill_rule k WHERE instr(' ' || k.charts || ' ', ' ' || r.chart_id || ' ') > 0));
