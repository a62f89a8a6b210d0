-- kchart-rebuild-charts.sql: every chart with a stored period, the order a
-- rebuild recomputes them in.
SELECT DISTINCT chart_id FROM snapshot
 ORDER BY chart_id;
