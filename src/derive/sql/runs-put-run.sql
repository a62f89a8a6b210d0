-- runs-put-run.sql: stores a run not stored yet.
--   :chart, :song     the chart's and the song's ids
--   :debut_period     the first period on the chart, :debut_rank its rank
--   :periods          periods on chart, across gaps
--   :streak           the current streak, up to :last_period
--   :longest_streak   the longest streak
--   :peak             the best rank; :peak_period the first period at it
--                     (NULL if seeded), :periods_at_peak how many
--   :periods_at_no1   periods at No. 1
--   :reentries        re-entries
--   :last_period      the last period on the chart, :last_rank its rank
INSERT INTO run (chart_id, song_id, debut_period, debut_rank,
 periods, streak, longest_streak, peak, peak_period, periods_at_peak,
 periods_at_no1, reentries, last_period, last_rank)
 VALUES (:chart, :song, :debut_period, :debut_rank, :periods, :streak,
 :longest_streak, :peak, :peak_period, :periods_at_peak, :periods_at_no1,
 :reentries, :last_period, :last_rank);
