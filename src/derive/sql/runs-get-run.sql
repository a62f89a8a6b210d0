-- runs-get-run.sql: the stored run of a song on a chart.
--   :chart  the chart's id
--   :song   the song's id
SELECT debut_period, debut_rank, periods, streak, longest_streak, peak,
 peak_period, periods_at_peak, periods_at_no1, reentries, last_period,
 last_rank FROM run WHERE chart_id = :chart AND song_id = :song;
