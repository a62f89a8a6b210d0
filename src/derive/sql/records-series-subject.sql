-- records-series-subject.sql: what a series source counts, song or artist
-- (no row: no such source).
--   :source  the source's id ('spotify-streams')
SELECT subject FROM series_source WHERE id = :source;
