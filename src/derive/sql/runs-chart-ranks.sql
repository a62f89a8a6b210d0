-- runs-chart-ranks.sql: what a chart's rows are (song, album or artist):
-- the kind of the entities its rows resolve to; and its cadence, which
-- says whether two stored periods are adjacent (identity's previous-rank
-- rules).
--   :chart  the chart's id
SELECT ranks, cadence FROM chart WHERE id = :chart;
