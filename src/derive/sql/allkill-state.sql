-- allkill-state.sql: the charts of each kind at the hour asked about
-- (kchart allkill --at), with their No. 1 songs.
SELECT a.kind AS kind, a.verdict AS verdict, a.chart AS chart,
 a.period AS period, a.state AS state, a.song_id AS song_id,
 s.title AS title, s.artist AS artist
 FROM temp.allkill_state a LEFT JOIN song s ON s.id = a.song_id
 ORDER BY a.kind, a.chart;
