-- runs-chart-ranks.sql: what a chart's rows are (song, album or artist):
-- the kind of the entities its rows resolve to.
--   :chart  the chart's id
SELECT ranks FROM chart WHERE id = :chart;
