-- regions-chart.sql: the region and cadence of a chart of a family given
-- as chart ids.
--   :id  the chart's id
SELECT region, cadence FROM chart WHERE id = :id;
