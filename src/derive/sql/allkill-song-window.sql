-- allkill-song-window.sql: the days a song's All-Kills of a kind can fall
-- in, for a song's page (kchart's song route): from the first debut to the
-- last period of its runs that reached No. 1 on a chart of any kind's rule
-- sets (an hour counts, made or missed, only when a chart in force has the
-- song at No. 1), widened by a week and the longest publication delay so
-- that every period in force at those hours is read. NULLs: no such run.
--   :song  the song's id
SELECT date(substr(min(r.debut_period), 1, 10), '-' || m.days || ' days') AS from_day,
 date(substr(max(r.last_period), 1, 10), '+' || (m.days + 1) || ' days') AS to_day
 FROM run r, (SELECT 8 + (coalesce(max(published), 0) + 23) / 24 AS days
  FROM chart) m
 WHERE r.song_id = :song AND r.peak <= 1 AND EXISTS (SELECT 1 FROM allkill_rule k
  WHERE instr(' ' || k.charts || ' ', ' ' || r.chart_id || ' ') > 0);
