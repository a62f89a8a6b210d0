-- series-source-subject.sql: what a source's subjects are (song or
-- artist).
--   :source  the series source's id
SELECT subject FROM series_source WHERE id = :source;
