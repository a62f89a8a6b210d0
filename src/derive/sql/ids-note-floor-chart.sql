-- ids-note-floor-chart.sql: before a chart is derived again from a period
-- on (kc__runs_derive_from), the highest id in use, owner 'chart': the
-- ids settle once it has derived (runs-settle-chart.sql), and a song made
-- above it may take an id back.
INSERT INTO temp.id_floor (n, owner) SELECT max(coalesce((SELECT max(id) FROM song), 0),
 coalesce((SELECT max(from_id) FROM song_redirect), 0),
 coalesce((SELECT max(song_id) FROM identity_rule), 0)), 'chart';
