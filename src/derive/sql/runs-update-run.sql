-- runs-update-run.sql: writes a stored run again; the parameters of
-- runs-put-run.sql.
UPDATE run SET debut_period = :debut_period, debut_rank = :debut_rank, periods = :periods,
 streak = :streak, longest_streak = :longest_streak, peak = :peak, peak_period = :peak_period,
 periods_at_peak = :periods_at_peak, periods_at_no1 = :periods_at_no1, reentries = :reentries,
 last_period = :last_period, last_rank = :last_rank WHERE chart_id = :chart AND song_id = :song;
