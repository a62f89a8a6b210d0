-- query-history.sql: a song's rank in every period of every chart it was
-- on: its entries, read by song (entry_song, migrate-012.sql), each with
-- its snapshot.
--   :song  the song's id, as text
SELECT s.chart_id AS chart, s.period AS period, e.rank AS rank
 FROM entry e INDEXED BY entry_song JOIN snapshot s ON s.id = e.snapshot_id
 WHERE e.song_id = CAST(:song AS INTEGER) ORDER BY s.chart_id, s.period;
