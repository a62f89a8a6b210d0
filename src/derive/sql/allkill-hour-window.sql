-- allkill-hour-window.sql: how many days before an hour's day to read each
-- chart from, for the state of the All-Kills at that hour (kchart allkill
-- --at, /api/allkill/at/{hour}): a period in force at the hour began on its
-- day or before it, by at most a week and the longest publication delay
-- (allkill-song-window.sql widens a song's window the same way).
SELECT 8 + (coalesce(max(published), 0) + 23) / 24 AS days FROM chart;
